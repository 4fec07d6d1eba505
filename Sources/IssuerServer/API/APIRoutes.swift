import Hummingbird

/// The authenticated API under `/api/v1`.
struct APIRoutes {
    let server: IssuerServer

    func register(on group: RouterGroup<IssuerRequestContext>) {}
}
