import ArgumentParser
import Ed25519
import Foundation
import IssuerServer
import VerifiableCredentials

/// `attest keys generate --out FILE`: a new key as PKCS#8 PEM, readable only by its owner.
struct KeysGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate an Ed25519 key and write it as a PKCS#8 PEM file (mode 0600).",
        discussion: "Prints the key's did:key and its public Multikey. Refuses to overwrite an existing file.")

    @Option(name: .long, help: ArgumentHelp("Where to write the private key.", valueName: "file"))
    var out: String

    @OptionGroup var passphrase: PassphraseOptions

    func run() async throws {
        let key = try Ed25519PrivateKey()
        let pem = try key.pemRepresentation(passphrase: try passphrase.resolve())
        try PEMKeyStore.writeNew(pem, to: out)
        print("wrote \(out)")
        print("did:key             \(DIDKey.did(for: key.publicKey))")
        print("verificationMethod  \(DIDKey.verificationMethodID(for: key.publicKey))")
        print("publicKeyMultibase  \(Multikey.encode(key.publicKey))")
    }
}
