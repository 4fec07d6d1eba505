import CanonicalJSON
import Testing
import VerifiableCredentials

/// One small credential per rule: the smallest change to a conforming credential that breaks it.
@Suite("DataModelValidator rules")
struct DataModelRuleTests {
    static let base: JSONObject = [
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "validFrom": "2026-01-15T08:30:00Z",
        "credentialSubject": ["id": "did:example:learner", "name": "Ada"],
    ]

    /// The rules `changed` breaks, with their paths.
    func rules(_ change: (inout JSONObject) -> Void) -> [String] {
        var credential = Self.base
        change(&credential)
        return DataModelValidator().violations(in: .object(credential)).map { "\($0.rule) \($0.path)" }
    }

    @Test("the base credential conforms, and so does a richer one with every optional part")
    func conforming() {
        #expect(rules { _ in }.isEmpty)
        let rich = rules {
            $0["@context"] = [
                "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                ["ex": "https://example.org/vocab#", "Custom": "ex:Custom", "id": "@id"],
            ]
            $0["type"] = ["VerifiableCredential", "Custom", "ex:Other", "https://example.org/Third"]
            $0["issuer"] = ["id": "https://issuer.example", "name": [["@value": "Schule", "@language": "de-CH"]]]
            $0["validUntil"] = "2026-01-15T02:30:00-06:00"  // the same instant as validFrom: allowed
            $0["description"] = ["@value": "مرحبا", "@language": "ar", "@direction": "rtl"]
            $0["credentialStatus"] = ["id": "https://issuer.example/status/1#94567", "type": "BitstringStatusListEntry"]
            $0["credentialSchema"] = [["id": "https://issuer.example/schema.json", "type": "JsonSchema"]]
            $0["relatedResource"] = ["id": "https://issuer.example/logo.png", "digestSRI": "sha384-abc"]
            $0["proof"] = ["type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022"]
        }
        #expect(rich.isEmpty)
    }

    @Test("@context rules")
    func context() {
        #expect(rules { $0["@context"] = nil } == ["context.missing /@context"])
        #expect(rules { $0["@context"] = "https://www.w3.org/ns/credentials/v2" } == ["context.not-array /@context"])
        #expect(rules { $0["@context"] = [] } == ["context.first /@context/0"])
        #expect(rules { $0["@context"] = ["https://www.w3.org/ns/credentials/examples/v2"] } == ["context.first /@context/0"])
        // The VC 1.1 base context first makes it a 1.1 credential, judged by the 1.1 rules: this one lacks issuanceDate.
        #expect(rules { $0["@context"] = ["https://www.w3.org/2018/credentials/v1"] } == ["issuanceDate.missing /issuanceDate"])
        #expect(rules { $0["@context"] = ["https://www.w3.org/ns/credentials/v2", true] } == ["context.item /@context/1"])
        #expect(rules { $0["@context"] = ["https://www.w3.org/ns/credentials/v2", "urn"] } == ["context.item /@context/1"])
        #expect(rules { $0["@context"] = ["https://www.w3.org/ns/credentials/v2", nil] } == ["context.nullification /@context/1"])
    }

    @Test("inline contexts may not redefine protected terms, but may repeat a plain one exactly")
    func protectedTerms() {
        let v2 = "https://www.w3.org/ns/credentials/v2"
        #expect(
            rules { $0["@context"] = [.string(v2), ["name": "https://example.org/name"]] } == ["context.protected-term /@context/1/name"])
        #expect(
            rules { $0["@context"] = [.string(v2), ["VerifiableCredential": ["@id": "https://example.org/VC"]]] }
                == ["context.protected-term /@context/1/VerifiableCredential"])
        #expect(rules { $0["@context"] = [.string(v2), ["name": nil]] } == ["context.protected-term /@context/1/name"])
        #expect(rules { $0["@context"] = [.string(v2), ["name": ["@id": "https://schema.org/name", "@protected": true]]] }.isEmpty)
        #expect(
            rules {
                $0["@context"] = [
                    .string(v2), ["Local": ["@id": "https://example.org/A", "@protected": true]],
                    ["Local": "https://example.org/B"],
                ]
            } == ["context.protected-term /@context/2/Local"])
        #expect(rules { $0["@context"] = [.string(v2), ["Local": "https://example.org/A"], ["Local": "https://example.org/B"]] }.isEmpty)
    }

    @Test("types: present, strings, include VerifiableCredential, each a URL or a mapped term")
    func types() {
        #expect(rules { $0["type"] = nil } == ["type.missing /type"])
        #expect(rules { $0["type"] = "VerifiableCredential" }.isEmpty)
        #expect(rules { $0["type"] = [] } == ["type.value /type", "type.verifiable-credential /type"])
        #expect(rules { $0["type"] = ["VerifiableCredential", 7] } == ["type.value /type/1"])
        #expect(rules { $0["type"] = ["ExampleCredential"] } == ["type.unmapped /type/0", "type.verifiable-credential /type"])
        #expect(rules { $0["type"] = ["VerifiableCredential", "https ://x/T"] } == ["type.url /type/1"])
        #expect(
            rules {
                $0["@context"] = ["https://www.w3.org/ns/credentials/v2", ["@vocab": "https://example.org/#"]]
                $0["type"] = ["VerifiableCredential", "Anything"]
            }.isEmpty)
        #expect(
            rules {
                $0["@context"] = ["https://www.w3.org/ns/credentials/v2", "https://example.org/unknown-context"]
                $0["type"] = ["VerifiableCredential", "MaybeDefinedThere"]
            }.isEmpty)
        #expect(
            rules { $0["@context"] = ["https://www.w3.org/ns/credentials/v2", ["T": "not an iri"]] } == ["context.term-iri /@context/1/T"])
    }

    @Test("id: a single URL")
    func identifier() {
        #expect(rules { $0["id"] = "credential-1" } == ["id.url /id"])
        #expect(rules { $0["id"] = ["urn:a", "urn:b"] } == ["id.url /id"])
        #expect(rules { $0["id"] = nil }.isEmpty)
        #expect(rules { $0["credentialSubject"] = ["id": 5, "name": "Ada"] } == ["credentialSubject.id /credentialSubject/id"])
    }

    @Test("issuer: a URL or an object with an id URL")
    func issuer() {
        #expect(rules { $0["issuer"] = nil } == ["issuer.missing /issuer"])
        #expect(rules { $0["issuer"] = "Example University" } == ["issuer.id /issuer"])
        #expect(rules { $0["issuer"] = ["name": "Example University"] } == ["issuer.id /issuer/id"])
        #expect(rules { $0["issuer"] = ["id": nil] } == ["issuer.id /issuer/id"])
        #expect(rules { $0["issuer"] = ["did:example:a"] } == ["issuer.value /issuer"])
        #expect(rules { $0["issuer"] = ["id": "did:example:a", "description": 3] } == ["description.value /issuer/description"])
    }

    @Test("credentialSubject: present, objects, none empty")
    func subjects() {
        #expect(rules { $0["credentialSubject"] = nil } == ["credentialSubject.missing /credentialSubject"])
        #expect(rules { $0["credentialSubject"] = [:] } == ["credentialSubject.empty /credentialSubject"])
        #expect(rules { $0["credentialSubject"] = [] } == ["credentialSubject.empty /credentialSubject"])
        #expect(rules { $0["credentialSubject"] = [["name": "A"], [:]] } == ["credentialSubject.empty /credentialSubject/1"])
        #expect(rules { $0["credentialSubject"] = "did:example:learner" } == ["credentialSubject.value /credentialSubject"])
    }

    @Test("validFrom and validUntil: dateTimeStamps in order")
    func validity() {
        #expect(rules { $0["validFrom"] = "2026-01-15T08:30:00" } == ["validFrom.format /validFrom"])
        #expect(rules { $0["validUntil"] = 1_768_465_800 } == ["validUntil.format /validUntil"])
        #expect(rules { $0["validUntil"] = "2026-01-15T08:29:59.999Z" } == ["validity.order /validUntil"])
        #expect(rules { $0["validUntil"] = "2026-01-15T03:29:59-05:00" } == ["validity.order /validUntil"])
        #expect(rules { $0["validFrom"] = "2024-02-30T00:00:00Z" } == ["validFrom.format /validFrom"])
    }

    @Test("typed related objects: status, schema, refresh, terms of use, evidence, related resources, proof")
    func relatedObjects() {
        #expect(rules { $0["credentialStatus"] = ["id": "https://example.org/s#1"] } == ["credentialStatus.type /credentialStatus/type"])
        #expect(
            rules { $0["credentialStatus"] = ["type": "BitstringStatusListEntry", "id": "s#1"] } == [
                "credentialStatus.id /credentialStatus/id"
            ])
        #expect(rules { $0["credentialStatus"] = ["https://example.org/s#1"] } == ["credentialStatus.value /credentialStatus/0"])
        #expect(rules { $0["credentialStatus"] = [] } == ["credentialStatus.value /credentialStatus"])
        #expect(rules { $0["credentialSchema"] = ["type": "JsonSchema"] } == ["credentialSchema.id /credentialSchema/id"])
        #expect(
            rules { $0["credentialSchema"] = [["id": "https://e.org/s", "type": "JsonSchema"], ["id": "https://e.org/s"]] }
                == ["credentialSchema.type /credentialSchema/1/type"])
        #expect(rules { $0["refreshService"] = ["id": "https://e.org/r"] } == ["refreshService.type /refreshService/type"])
        #expect(rules { $0["termsOfUse"] = [:] } == ["termsOfUse.type /termsOfUse/type"])
        #expect(rules { $0["evidence"] = ["type": ["https://e.org/E", false]] } == ["evidence.type /evidence/type/1"])
        #expect(rules { $0["evidence"] = ["type": "UnmappedEvidence"] } == ["type.unmapped /evidence/type"])
        #expect(rules { $0["evidence"] = ["@context": ["Local": "https://e.org/L"], "type": "Local"] }.isEmpty)
        #expect(rules { $0["relatedResource"] = ["id": "https://e.org/logo.png"] } == ["relatedResource.digest /relatedResource"])
        #expect(rules { $0["relatedResource"] = ["digestMultibase": "uEiB"] } == ["relatedResource.id /relatedResource/id"])
        #expect(rules { $0["proof"] = ["proofValue": "z1"] } == ["proof.type /proof/type"])
    }

    @Test("name and description: strings or language value objects with nothing else")
    func languageStrings() {
        #expect(rules { $0["name"] = ["Course", ["@value": "Kurs", "@language": "de"]] }.isEmpty)
        #expect(rules { $0["name"] = ["@value": "Kurs", "@language": "de", "url": "x"] } == ["language.value-object /name"])
        #expect(rules { $0["name"] = ["@language": "de"] } == ["language.value-object /name/@value"])
        #expect(rules { $0["name"] = ["@value": 3] } == ["language.value-object /name/@value"])
        #expect(rules { $0["description"] = ["@value": "x", "@language": "not a tag"] } == ["language.tag /description/@language"])
        #expect(rules { $0["description"] = ["@value": "x", "@direction": "up"] } == ["language.direction /description/@direction"])
        #expect(rules { $0["description"] = [nil] } == ["description.value /description/0"])
    }

    @Test("a credential that is not an object")
    func notAnObject() {
        #expect(DataModelValidator().violations(in: ["VerifiableCredential"]).map(\.rule) == ["credential.not-object"])
    }

    @Test("validate throws MALFORMED_VALUE_ERROR naming the first rule, its path and the others")
    func validateThrows() throws {
        var broken = Self.base
        broken["issuer"] = nil
        broken["validFrom"] = "yesterday"
        let error = try #require(throws: CredentialError.self) { try DataModelValidator().validate(.object(broken)) }
        #expect(error.code == .malformedValueError)
        #expect(error.reason.contains("issuer.missing at /issuer"))
        #expect(error.reason.contains("1 more: validFrom.format"))
        try DataModelValidator().validate(.object(Self.base))
    }

    @Test("JSON Pointer segments escape ~ and / as RFC 6901 says")
    func pointerEscaping() {
        let found = rules { $0["@context"] = ["https://www.w3.org/ns/credentials/v2", ["a/b~c": 1]] }
        #expect(found == ["context.term-definition /@context/1/a~1b~0c"])
    }
}
