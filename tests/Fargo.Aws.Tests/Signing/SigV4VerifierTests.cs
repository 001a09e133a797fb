using System.Text;
using Fargo.Aws.Credentials;
using Fargo.Aws.Signing;

namespace Fargo.Aws.Tests.Signing;

public sealed class SigV4VerifierTests
{
    private static readonly DateTimeOffset SignedAt = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly AwsCredentials Alice = new("AKIAALICE0000000001", "alice-secret-key/with+chars");
    private static readonly AwsCredentials SessionBob = new("ASIABOB000000000001", "bob-secret", "bob-session-token");

    private static AwsWireRequest UnsignedEcsRequest() => new(
        "POST",
        "/",
        "",
        [
            new("Host", "ecs.us-east-1.amazonaws.com"),
            new("Content-Type", "application/x-amz-json-1.1"),
            new("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeClusters"),
            new("User-Agent", "aws-cli/2.9.19"),
        ],
        Encoding.UTF8.GetBytes("""{"clusters":["default"]}"""));

    private static AwsWireRequest Signed(AwsWireRequest request, AwsCredentials credentials, string region = "us-east-1", string service = "ecs", DateTimeOffset? at = null)
    {
        var result = SigV4Signer.Sign(request, credentials, new SigV4SigningOptions(region, service), at ?? SignedAt);
        return request with { Headers = [.. request.Headers, .. result.AddedHeaders] };
    }

    private static SigV4Verifier Verifier(DateTimeOffset? now = null) =>
        new(key => key == Alice.AccessKeyId ? Alice : key == SessionBob.AccessKeyId ? SessionBob : null, new FixedClock(now ?? SignedAt));

    private static AwsWireRequest WithHeader(AwsWireRequest request, string name, string value) =>
        request with { Headers = [.. request.Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)), new(name, value)] };

    private static AwsWireRequest WithoutHeader(AwsWireRequest request, string name) =>
        request with { Headers = [.. request.Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase))] };

    [Fact]
    public void A_correctly_signed_request_is_accepted_and_names_its_signer()
    {
        var result = Verifier().Verify(Signed(UnsignedEcsRequest(), Alice), "us-east-1", "ecs");

        Assert.True(result.IsValid);
        Assert.Equal(Alice.AccessKeyId, result.AccessKeyId);
    }

    [Fact]
    public void Changing_a_header_that_was_not_signed_does_not_break_the_signature()
    {
        var request = WithHeader(Signed(UnsignedEcsRequest(), Alice), "User-Agent", "something-else/1.0");

        Assert.True(Verifier().Verify(request, "us-east-1", "ecs").IsValid);
    }

    public static TheoryData<string> Tamperings => new()
    {
        "method", "path", "query", "signed header X-Amz-Target", "signed header Content-Type", "host", "body", "body appended", "signature",
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Any_change_to_what_was_signed_is_rejected_as_a_signature_mismatch(string tampering)
    {
        var signed = Signed(UnsignedEcsRequest() with { RawQuery = "a=1" }, Alice);
        var tampered = tampering switch
        {
            "method" => signed with { Method = "PUT" },
            "path" => signed with { RawPath = "/other" },
            "query" => signed with { RawQuery = "a=2" },
            "signed header X-Amz-Target" => WithHeader(signed, "X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DeleteCluster"),
            "signed header Content-Type" => WithHeader(signed, "Content-Type", "application/json"),
            "host" => WithHeader(signed, "Host", "evil.example.com"),
            "body" => signed with { Body = Encoding.UTF8.GetBytes("""{"clusters":["prod"]}""") },
            "body appended" => signed with { Body = Encoding.UTF8.GetBytes("""{"clusters":["default"]} """) },
            "signature" => WithHeader(signed, "Authorization", signed.GetHeader("Authorization")![..^4] + "0000"),
            _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
        };

        var result = Verifier().Verify(tampered, "us-east-1", "ecs");

        Assert.Equal(SigV4FailureKind.SignatureMismatch, result.Failure?.Kind);
        Assert.Equal(SigV4Verifier.SignatureMismatchMessage, result.Failure!.Message);
        Assert.Equal(new AwsServerError("InvalidSignatureException", SigV4Verifier.SignatureMismatchMessage, 400), result.Failure.ToError(AwsProtocol.Json11));
        Assert.Equal(new AwsServerError("SignatureDoesNotMatch", SigV4Verifier.SignatureMismatchMessage, 403), result.Failure.ToError(AwsProtocol.Query));
    }

    [Fact]
    public void The_right_key_with_the_wrong_secret_is_a_signature_mismatch()
    {
        var forged = Signed(UnsignedEcsRequest(), new AwsCredentials(Alice.AccessKeyId, "not-alices-secret"));

        Assert.Equal(SigV4FailureKind.SignatureMismatch, Verifier().Verify(forged, "us-east-1", "ecs").Failure?.Kind);
    }

    [Fact]
    public void A_request_without_authorization_is_missing_its_authentication_token()
    {
        var result = Verifier().Verify(UnsignedEcsRequest(), "us-east-1", "ecs");

        Assert.Equal(SigV4FailureKind.MissingAuthentication, result.Failure?.Kind);
        Assert.Equal(new AwsServerError("MissingAuthenticationTokenException", "Missing Authentication Token", 400), result.Failure!.ToError(AwsProtocol.Json11));
        Assert.Equal("MissingAuthenticationToken", result.Failure.ToError(AwsProtocol.Query).Code);
        Assert.Equal(403, result.Failure.ToError(AwsProtocol.Query).HttpStatus);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAALICE0000000001/20240501/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date",
        "Authorization header requires 'Signature' parameter.")]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=abc", "Authorization header requires 'Credential' parameter.")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAALICE0000000001/20240501/us-east-1/ecs/aws4_request, Signature=abc",
        "Authorization header requires 'SignedHeaders' parameter.")]
    [InlineData("AWS4-HMAC-SHA256 Credential AKIAALICE0000000001/20240501/us-east-1/ecs/aws4_request", "not a valid key=value pair (missing equal-sign)")]
    [InlineData("Bearer abc.def", "Unsupported AWS 'algorithm': 'Bearer'")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAALICE0000000001/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=abc",
        "Credential must have exactly 5 slash-delimited elements")]
    public void A_malformed_authorization_header_is_an_incomplete_signature(string authorization, string expectedMessagePart)
    {
        var request = WithHeader(WithHeader(UnsignedEcsRequest(), "X-Amz-Date", "20240501T120000Z"), "Authorization", authorization);

        var result = Verifier().Verify(request, "us-east-1", "ecs");

        Assert.Equal(SigV4FailureKind.IncompleteSignature, result.Failure?.Kind);
        Assert.Contains(expectedMessagePart, result.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(("IncompleteSignatureException", 400), (result.Failure.ToError(AwsProtocol.Json11).Code, result.Failure.ToError(AwsProtocol.Json11).HttpStatus));
        Assert.Equal(("IncompleteSignature", 400), (result.Failure.ToError(AwsProtocol.Query).Code, result.Failure.ToError(AwsProtocol.Query).HttpStatus));
    }

    [Fact]
    public void A_signed_request_without_any_date_header_is_an_incomplete_signature()
    {
        var request = WithoutHeader(Signed(UnsignedEcsRequest(), Alice), "X-Amz-Date");

        var result = Verifier().Verify(request, "us-east-1", "ecs");

        Assert.Equal(SigV4FailureKind.IncompleteSignature, result.Failure?.Kind);
        Assert.Contains("requires existence of either a 'X-Amz-Date' or a 'Date' header", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_access_key_is_an_invalid_client_token()
    {
        var request = Signed(UnsignedEcsRequest(), new AwsCredentials("AKIAUNKNOWN00000000", "whatever"));

        var result = Verifier().Verify(request, "us-east-1", "ecs");

        Assert.Equal(SigV4FailureKind.UnknownAccessKey, result.Failure?.Kind);
        Assert.Equal(new AwsServerError("UnrecognizedClientException", "The security token included in the request is invalid.", 400),
            result.Failure!.ToError(AwsProtocol.Json11));
        Assert.Equal(new AwsServerError("InvalidClientTokenId", "The security token included in the request is invalid.", 403),
            result.Failure.ToError(AwsProtocol.Query));
    }

    [Theory]
    [InlineData(-301, "Signature not yet current: 20240501T120000Z is still later than 20240501T115959Z (20240501T115459Z + 5 min.)")]
    [InlineData(301, "Signature expired: 20240501T120000Z is now earlier than 20240501T120001Z (20240501T120501Z - 5 min.)")]
    public void A_date_more_than_five_minutes_off_is_rejected(int serverClockOffsetSeconds, string expectedMessage)
    {
        var verifier = Verifier(SignedAt.AddSeconds(serverClockOffsetSeconds));

        var result = verifier.Verify(Signed(UnsignedEcsRequest(), Alice), "us-east-1", "ecs");

        Assert.Equal(SigV4FailureKind.RequestTimeTooSkewed, result.Failure?.Kind);
        Assert.Equal(expectedMessage, result.Failure!.Message);
        Assert.Equal("InvalidSignatureException", result.Failure.ToError(AwsProtocol.Json11).Code);
        Assert.Equal("SignatureDoesNotMatch", result.Failure.ToError(AwsProtocol.Query).Code);
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public void A_date_within_five_minutes_is_accepted(int serverClockOffsetSeconds)
    {
        var verifier = Verifier(SignedAt.AddSeconds(serverClockOffsetSeconds));

        Assert.True(verifier.Verify(Signed(UnsignedEcsRequest(), Alice), "us-east-1", "ecs").IsValid);
    }

    [Fact]
    public void A_request_scoped_to_another_region_is_rejected()
    {
        var result = Verifier().Verify(Signed(UnsignedEcsRequest(), Alice, region: "eu-west-1"), "us-east-1", "ecs");

        Assert.Equal(SigV4FailureKind.WrongScope, result.Failure?.Kind);
        Assert.Equal("Credential should be scoped to a valid region, not 'eu-west-1'. ", result.Failure!.Message);
        Assert.Equal("SignatureDoesNotMatch", result.Failure.ToError(AwsProtocol.Query).Code);
    }

    [Fact]
    public void A_request_scoped_to_another_service_is_rejected()
    {
        var result = Verifier().Verify(Signed(UnsignedEcsRequest(), Alice, service: "logs"), "us-east-1", "ecs");

        Assert.Equal(SigV4FailureKind.WrongScope, result.Failure?.Kind);
        Assert.Equal("Credential should be scoped to correct service: 'ecs'. ", result.Failure!.Message);
        Assert.Equal("InvalidSignatureException", result.Failure.ToError(AwsProtocol.Json11).Code);
    }

    [Fact]
    public void Session_credentials_need_their_own_security_token()
    {
        var signed = Signed(UnsignedEcsRequest(), SessionBob);
        Assert.True(Verifier().Verify(signed, "us-east-1", "ecs").IsValid);

        var withoutToken = WithoutHeader(signed, "X-Amz-Security-Token");
        var withOtherToken = Signed(UnsignedEcsRequest(), new AwsCredentials(SessionBob.AccessKeyId, SessionBob.SecretAccessKey, "stolen-token"));

        Assert.Equal(SigV4FailureKind.InvalidSecurityToken, Verifier().Verify(withoutToken, "us-east-1", "ecs").Failure?.Kind);
        Assert.Equal(SigV4FailureKind.InvalidSecurityToken, Verifier().Verify(withOtherToken, "us-east-1", "ecs").Failure?.Kind);
        Assert.Equal("UnrecognizedClientException", Verifier().Verify(withoutToken, "us-east-1", "ecs").Failure!.ToError(AwsProtocol.Json11).Code);
    }

    [Fact]
    public void A_scope_date_that_is_not_the_request_date_is_rejected()
    {
        var signed = Signed(UnsignedEcsRequest(), Alice);
        var authorization = signed.GetHeader("Authorization")!.Replace("/20240501/", "/20240430/", StringComparison.Ordinal);

        var result = Verifier().Verify(WithHeader(signed, "Authorization", authorization), "us-east-1", "ecs");

        Assert.Equal(SigV4FailureKind.SignatureMismatch, result.Failure?.Kind);
        Assert.StartsWith("Date in Credential scope does not match YYYYMMDD", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_header_must_be_signed()
    {
        var unsigned = UnsignedEcsRequest();
        var result = SigV4Signer.Sign(unsigned, Alice, new SigV4SigningOptions("us-east-1", "ecs"), SignedAt);
        var authorization = result.Authorization.Replace("SignedHeaders=content-type;host;", "SignedHeaders=content-type;", StringComparison.Ordinal);
        var request = unsigned with { Headers = [.. unsigned.Headers, new("X-Amz-Date", "20240501T120000Z"), new("Authorization", authorization)] };

        var verdict = Verifier().Verify(request, "us-east-1", "ecs");

        Assert.Equal(SigV4FailureKind.SignatureMismatch, verdict.Failure?.Kind);
        Assert.Contains("'Host' or ':authority' must be a 'SignedHeader'", verdict.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_credential_scope_can_be_read_before_verifying_to_route_the_request()
    {
        var scope = SigV4CredentialScope.TryRead(Signed(UnsignedEcsRequest(), Alice, region: "eu-central-1", service: "elasticloadbalancing"));

        Assert.Equal(new SigV4CredentialScope(Alice.AccessKeyId, "20240501", "eu-central-1", "elasticloadbalancing"), scope);
        Assert.Null(SigV4CredentialScope.TryRead(UnsignedEcsRequest()));
    }
}
