import IssuerServer
import StaffConsole

/// The server's request context carries what the console needs (the client address), so the
/// console's routes mount in the server's router.
extension IssuerRequestContext: ConsoleRequestContext {}
