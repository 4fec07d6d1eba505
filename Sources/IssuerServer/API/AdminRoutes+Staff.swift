import CanonicalJSON
import Foundation
import Hummingbird
import IssuerCore
import VerifiableCredentials

/// Staff console accounts over the admin API (admin only), the same as `attest staff`:
/// `GET /api/v1/staff`, `POST /api/v1/staff` (`{"email", "name", "role"}`), and
/// `POST /api/v1/staff/{id}/disable` (its console sessions end at once). Audited under the key.
extension AdminRoutes {
    func registerStaff(on api: RouterGroup<IssuerRequestContext>) {
        api.get("staff") { _, context in try await listStaff(context: context) }
        api.post("staff") { request, context in try await addStaff(request, context: context) }
        api.post("staff/:id/disable") { _, context in try await disableStaff(context: context) }
    }

    func listStaff(context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole([.admin])
        let members = try await StaffAccounts(environment: environment, actor: "api:\(key.name)").list()
        return .json(["staff": .array(members.map(APIRepresentation.staffMember))])
    }

    func addStaff(_ request: Request, context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole([.admin])
        let body = try await server.jsonObject(request)
        guard let email = body["email"]?.stringValue, let name = body["name"]?.stringValue, let roleName = body["role"]?.stringValue else {
            throw Problem(.badRequest, .badRequest, "email, name and role are required strings")
        }
        guard let role = StaffRole(rawValue: roleName) else {
            throw Problem(.badRequest, .badRequest, "role must be one of admin, issuer, reviewer, viewer")
        }
        let member = try await StaffAccounts(environment: environment, actor: "api:\(key.name)").add(email: email, name: name, role: role)
        var response = Response.json(APIRepresentation.staffMember(member), status: .created)
        response.headers[.location] = "/api/v1/staff"
        return response
    }

    func disableStaff(context: IssuerRequestContext) async throws -> Response {
        let key = try context.requireRole([.admin])
        let id = try RequestValues.identifier(context, "member of staff")
        guard let member = try await environment.store.read({ try $0.staffMember(id: id) }) else {
            throw Problem(.notFound, .notFound, "there is no member of staff with that id")
        }
        let disabled = try await StaffAccounts(environment: environment, actor: "api:\(key.name)").disable(email: member.email)
        return .json(APIRepresentation.staffMember(disabled))
    }
}

extension APIRepresentation {
    /// A member of staff: never their TOTP secret, only whether they have one.
    static func staffMember(_ member: StaffMember) -> JSONValue {
        var object: JSONObject = [
            "id": .string(member.id), "email": .string(member.email), "name": .string(member.name), "role": .string(member.role.rawValue),
            "state": .string(member.isActive ? "active" : "disabled"), "twoFactor": .bool(member.totpSecret != nil),
            "createdAt": .string(DateTimeStamp.format(member.createdAt)),
        ]
        if let date = member.disabledAt { object["disabledAt"] = .string(DateTimeStamp.format(date)) }
        return .object(object)
    }
}
