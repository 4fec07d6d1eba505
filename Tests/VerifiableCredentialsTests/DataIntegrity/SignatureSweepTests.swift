import CanonicalJSON
import Ed25519
import Foundation
import Testing

@testable import VerifiableCredentials

/// Every byte of a signature matters, and so does every value it covers: for a signed credential of
/// each suite, each single-byte change of the decoded `proofValue` and each change of one leaf value
/// of the document (the proof's own options included) makes verification fail. A sweep over all
/// of them, not a sample.
@Suite("every signature byte and every signed leaf matters")
struct SignatureSweepTests {
    /// A signed credential, and the public key that verifies it.
    struct SignedCase: CustomTestStringConvertible, Sendable {
        let name: String
        let credential: JSONValue
        let publicKeyMultibase: String
        var testDescription: String { name }
    }

    static let cases: [SignedCase] = {
        let w3cKey = (try? Fixture.json("w3c-vc-di-eddsa/keyPair.json"))?["publicKeyMultibase"]?.stringValue ?? "?"
        let openBadges = try? Fixture.json("1edtech-openbadges-v3p0/ob-eddsa-rdfc-2022-vector.json")
        let files = [
            ("eddsa-rdfc-2022 (W3C)", "w3c-vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json"),
            ("eddsa-jcs-2022 (W3C)", "w3c-vc-di-eddsa/eddsa-jcs-2022/signedJCS.json"),
            ("Ed25519Signature2020 (W3C)", "w3c-vc-di-eddsa/Ed25519Signature2020/signedEdSig.json"),
        ]
        return files.compactMap { name, path in
            (try? Fixture.json(path)).map { SignedCase(name: name, credential: $0, publicKeyMultibase: w3cKey) }
        }
            + [
                SignedCase(
                    name: "eddsa-rdfc-2022 (1EdTech Open Badges 3.0)", credential: openBadges?["signedCredential"] ?? .null,
                    publicKeyMultibase: openBadges?["keyPair"]?["publicKeyMultibase"]?.stringValue ?? "?")
            ]
    }()

    /// Whether `credential` verifies with `key`: nil when it does, else why not.
    static func failure(_ credential: JSONValue, key: Ed25519PublicKey) -> String? {
        do {
            guard let proof = try DataIntegrity().proofs(of: credential).first else { return "no proof" }
            try DataIntegrity().verifyProof(proof, of: credential, publicKey: key)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("the four signed credentials are there, one per suite and the Open Badges vector")
    func present() {
        #expect(Self.cases.count == 4)
        #expect(Self.cases.allSatisfy { $0.credential["proof"] != nil })
    }

    @Test("flipping any bit pattern of any one byte of the decoded proofValue fails verification", arguments: cases)
    func everySignatureByte(signed: SignedCase) throws {
        let key = try Multikey.decodePublicKey(signed.publicKeyMultibase)
        #expect(Self.failure(signed.credential, key: key) == nil, "the untouched credential must verify")
        let proofValue = try #require(signed.credential["proof"]?["proofValue"]?.stringValue)
        let signature = try Multibase.decode(proofValue, expected: .base58btc)
        #expect(signature.count == 64)
        var accepted: [String] = []
        for index in signature.indices {
            for mask: UInt8 in [0x01, 0x10, 0x80, 0xFF] {
                var changed = signature
                changed[index] ^= mask
                var document = try #require(signed.credential.objectValue)
                var proof = try #require(document["proof"]?.objectValue)
                proof["proofValue"] = .string(Multibase.encode(changed, base: .base58btc))
                document["proof"] = .object(proof)
                if Self.failure(.object(document), key: key) == nil { accepted.append("byte \(index) ^ \(mask)") }
            }
        }
        #expect(accepted.isEmpty, "accepted with a changed signature: \(accepted)")
    }

    @Test("changing any one leaf value of the document or of the proof options fails verification", arguments: cases)
    func everyLeaf(signed: SignedCase) throws {
        let key = try Multikey.decodePublicKey(signed.publicKeyMultibase)
        let leaves = JSONLeaves.paths(in: signed.credential).filter { $0 != [.member("proof"), .member("proofValue")] }
        #expect(leaves.count >= 12, "\(leaves.count) leaves")
        var accepted: [String] = []
        for path in leaves {
            let changed = try #require(JSONLeaves.changing(signed.credential, at: path))
            #expect(changed != signed.credential)
            if Self.failure(changed, key: key) == nil { accepted.append(JSONLeaves.pointer(path)) }
        }
        #expect(accepted.isEmpty, "still verifies after changing: \(accepted)")
    }
}

/// Finds and changes the leaf values (strings, numbers, booleans, nulls) of a JSON document.
enum JSONLeaves {
    enum Step: Hashable {
        case member(String)
        case item(Int)
    }

    /// The path of every leaf, depth first.
    static func paths(in value: JSONValue, prefix: [Step] = []) -> [[Step]] {
        switch value {
        case .object(let object): object.flatMap { name, member in paths(in: member, prefix: prefix + [.member(name)]) }
        case .array(let items): items.enumerated().flatMap { index, item in paths(in: item, prefix: prefix + [.item(index)]) }
        default: [prefix]
        }
    }

    /// `path` as a JSON Pointer, for messages.
    static func pointer(_ path: [Step]) -> String {
        path.map {
            switch $0 {
            case .member(let name): "/" + name
            case .item(let index): "/\(index)"
            }
        }.joined()
    }

    /// A different value of the same kind: the last character of a string replaced, a number
    /// plus one, a boolean negated, null made a string.
    static func altered(_ leaf: JSONValue) -> JSONValue {
        switch leaf {
        case .string(let text):
            let last = text.last.map { $0 == "a" ? "b" : "a" } ?? "a"
            return .string(String(text.dropLast()) + last)
        case .number(let number): return .number(number + 1)
        case .bool(let flag): return .bool(!flag)
        default: return .string("changed")
        }
    }

    /// `value` with the leaf at `path` altered, or nil when the path is not there.
    static func changing(_ value: JSONValue, at path: [Step]) -> JSONValue? {
        guard let step = path.first else { return altered(value) }
        switch (step, value) {
        case (.member(let name), .object(var object)):
            guard let member = object[name], let changed = changing(member, at: Array(path.dropFirst())) else { return nil }
            object[name] = changed
            return .object(object)
        case (.item(let index), .array(var items)):
            guard items.indices.contains(index), let changed = changing(items[index], at: Array(path.dropFirst())) else { return nil }
            items[index] = changed
            return .array(items)
        default:
            return nil
        }
    }
}
