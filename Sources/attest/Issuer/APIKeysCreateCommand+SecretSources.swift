import ArgumentParser

extension APIKeysCreateCommand {
    /// The HMAC secret from `--hmac-secret`, `--hmac-secret-file` or the variable `--hmac-secret-env`
    /// names, so it need not appear on the command line; nil when none is given.
    func resolvedHMACSecret() throws -> String? {
        let secret = try SecretSource.resolve(option: "--hmac-secret", value: hmacSecret, file: hmacSecretFile, environment: hmacSecretEnv)
        if let hmacSecretEnv, secret == nil { throw CLIError("the environment variable \(hmacSecretEnv) holds no HMAC secret") }
        if let secret, secret.utf8.count < 16 { throw ValidationError("the HMAC secret must be at least 16 characters") }
        return secret
    }
}
