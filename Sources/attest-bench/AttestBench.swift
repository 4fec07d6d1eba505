// attest-bench: being written (issue 9).
@main
struct AttestBench {
    static func main() { print("attest-bench: not written yet") }
}
