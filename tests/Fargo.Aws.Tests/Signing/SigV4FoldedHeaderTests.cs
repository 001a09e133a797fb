namespace Fargo.Aws.Tests.Signing;

/// <summary>
/// AWS's suite case get-header-value-multiline (a header value folded over three lines), which the copy in
/// shared/conformance lacks. Written out here as a case folder and run through the same three checks as every
/// suite case, parsing the request files with the same harness.
/// </summary>
/// <remarks>
/// Source: awslabs/aws-c-auth, tests/aws-signing-test-suite/v4/get-header-value-multiline. context.json and the
/// query-* files are the suite's; request.txt and the header-* expectations are taken from the suite's
/// header-signed-request.txt (its request without the two signing headers, and the canonical request, string to
/// sign and signature that its Authorization header carries: the signature ba17b383… is reproduced only by the
/// canonical value "value1,value2,value3").
/// </remarks>
public sealed class SigV4FoldedHeaderTests : IDisposable
{
    private const string Request = "GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value1\n  value2\n     value3\n\n";

    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["context.json"] = """
            {
                "credentials": { "access_key_id": "AKIDEXAMPLE", "secret_access_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
                "expiration_in_seconds": 3600,
                "normalize": true,
                "region": "us-east-1",
                "service": "service",
                "timestamp": "2015-08-30T12:36:00Z"
            }
            """,
        ["request.txt"] = Request,
        ["header-canonical-request.txt"] = "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1,value2,value3\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ["header-string-to-sign.txt"] = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nb7b6cbfd8a0430b78891e986784da2630c8a135a8595cec25b26ea94f926ee55",
        ["header-signature.txt"] = "ba17b383a53190154eb5fa66a1b836cc297cc0a3d70a5d00705980573d8ff790",
        ["header-signed-request.txt"] = "GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value1\n  value2\n     value3\nAuthorization:AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;x-amz-date, Signature=ba17b383a53190154eb5fa66a1b836cc297cc0a3d70a5d00705980573d8ff790\nX-Amz-Date:20150830T123600Z\n\n",
        ["query-canonical-request.txt"] = "GET\n/\nX-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host%3Bmy-header1\nhost:example.amazonaws.com\nmy-header1:value1,value2,value3\n\nhost;my-header1\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ["query-string-to-sign.txt"] = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n6053ce005c5b805dd7bde2fd4c4ed6c54852b2157f3f9e57d39997dd3c36b0c4",
        ["query-signature.txt"] = "07f38a7bae261a5b2eec137361e6403c191bbf8e3f75466bb8114a08acd99936",
        ["query-signed-request.txt"] = "GET /?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host%3Bmy-header1&X-Amz-Expires=3600&X-Amz-Signature=07f38a7bae261a5b2eec137361e6403c191bbf8e3f75466bb8114a08acd99936 HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1:value1\n  value2\n     value3\n\n",
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fargo-sigv4-" + Guid.NewGuid().ToString("N"), "get-header-value-multiline");

    public SigV4FoldedHeaderTests()
    {
        Directory.CreateDirectory(_folder);
        foreach (var (name, text) in Files)
        {
            File.WriteAllText(Path.Combine(_folder, name), text);
        }
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    [Fact]
    public void The_harness_reads_a_folded_value_as_one_header()
    {
        var request = SigV4TestCase.LoadFrom(_folder).Request;

        var header = Assert.Single(request.Headers, h => h.Key == "My-Header1");
        Assert.Equal("value1\n  value2\n     value3", header.Value);
        Assert.Equal(2, request.Headers.Count);
    }

    [Fact]
    public void Signer_joins_the_folded_lines_with_commas() => SigV4ConformanceTests.SignerMatches(SigV4TestCase.LoadFrom(_folder));

    [Fact]
    public void Presigner_joins_the_folded_lines_with_commas() => SigV4ConformanceTests.PresignerMatches(SigV4TestCase.LoadFrom(_folder));

    [Fact]
    public void Verifier_accepts_the_folded_signed_request() => SigV4ConformanceTests.VerifierAccepts(SigV4TestCase.LoadFrom(_folder));
}
