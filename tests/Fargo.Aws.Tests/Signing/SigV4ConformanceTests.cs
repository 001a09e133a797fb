using Fargo.Aws.Credentials;
using Fargo.Aws.Signing;

namespace Fargo.Aws.Tests.Signing;

/// <summary>AWS's own SigV4 test suite, header form: every intermediate string and the signed request must match.</summary>
[Trait("Category", "Conformance")]
public sealed class SigV4ConformanceTests
{
    public static TheoryData<string> Cases => new(SigV4TestSuite.CaseNames);

    [SigV4ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Signer_matches_the_suite(string caseName) => SignerMatches(SigV4TestCase.Load(caseName));

    [SigV4ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Presigning_matches_the_suite(string caseName) => PresignerMatches(SigV4TestCase.Load(caseName));

    [SigV4ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Verifier_accepts_the_suites_signed_request(string caseName) => VerifierAccepts(SigV4TestCase.Load(caseName));

    internal static void SignerMatches(SigV4TestCase testCase)
    {
        var result = Sign(testCase);

        Assert.Equal(testCase.ExpectedCanonicalRequest, result.CanonicalRequest);
        Assert.Equal(testCase.ExpectedStringToSign, result.StringToSign);
        Assert.Equal(testCase.ExpectedSignature, result.Signature);
        var signed = testCase.Request with { Headers = [.. testCase.Request.Headers, .. result.AddedHeaders] };
        var expected = testCase.ExpectedSignedRequest;
        Assert.Equal((expected.Method, expected.Path, expected.Query), (signed.Method, signed.Path, signed.Query));
        Assert.Equal(expected.HeaderSet(), signed.HeaderSet());
        Assert.Equal(expected.Body, signed.Body);
    }

    internal static void PresignerMatches(SigV4TestCase testCase)
    {
        var result = SigV4Signer.Presign(
            testCase.Request.ToWire(),
            new AwsCredentials(testCase.AccessKeyId, testCase.SecretAccessKey, testCase.SessionToken),
            new SigV4SigningOptions(testCase.Region, testCase.Service) { NormalizePath = testCase.Normalize, SignSessionToken = !testCase.OmitSessionToken },
            testCase.Timestamp,
            testCase.Expires);

        Assert.Equal(testCase.ExpectedPresignedCanonicalRequest, result.CanonicalRequest);
        Assert.Equal(testCase.ExpectedPresignedStringToSign, result.StringToSign);
        Assert.Equal(testCase.ExpectedPresignedSignature, result.Signature);
        var expected = testCase.ExpectedPresignedRequest;
        Assert.Equal((expected.Method, expected.Path, expected.Query), (testCase.Request.Method, testCase.Request.Path, result.Query));
        Assert.Equal(expected.HeaderSet(), testCase.Request.HeaderSet());
        Assert.Equal(expected.Body, testCase.Request.Body);
    }

    internal static void VerifierAccepts(SigV4TestCase testCase)
    {
        var credentials = new AwsCredentials(testCase.AccessKeyId, testCase.SecretAccessKey, testCase.SessionToken);
        var verifier = new SigV4Verifier(key => key == credentials.AccessKeyId ? credentials : null, new FixedClock(testCase.Timestamp));

        var result = verifier.Verify(testCase.ExpectedSignedRequest.ToWire(), testCase.Region, testCase.Service, testCase.Normalize);

        Assert.Null(result.Failure);
        Assert.Equal(testCase.ExpectedCanonicalRequest, result.CanonicalRequest);
        Assert.Equal(testCase.AccessKeyId, result.AccessKeyId);
    }

    private static SigV4SigningResult Sign(SigV4TestCase testCase) =>
        SigV4Signer.Sign(
            testCase.Request.ToWire(),
            new AwsCredentials(testCase.AccessKeyId, testCase.SecretAccessKey, testCase.SessionToken),
            new SigV4SigningOptions(testCase.Region, testCase.Service)
            {
                NormalizePath = testCase.Normalize,
                AddContentSha256Header = testCase.SignBody,
                SignSessionToken = !testCase.OmitSessionToken,
            },
            testCase.Timestamp);
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>AWS's suite, query form: the verifier accepts every presigned request the suite signs, within its expiry only.</summary>
[Trait("Category", "Conformance")]
public sealed class SigV4PresignedConformanceTests
{
    public static TheoryData<string> Cases => new(SigV4TestSuite.CaseNames);

    [SigV4ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Verifier_accepts_the_suites_presigned_request_until_it_expires(string caseName)
    {
        var testCase = SigV4TestCase.Load(caseName);
        var credentials = new AwsCredentials(testCase.AccessKeyId, testCase.SecretAccessKey, testCase.SessionToken);
        var request = testCase.ExpectedPresignedRequest.ToWire();
        SigV4VerificationResult Verify(DateTimeOffset now) =>
            new SigV4Verifier(key => key == credentials.AccessKeyId ? credentials : null, new FixedClock(now))
                .VerifyPresigned(request, testCase.Region, testCase.Service, testCase.Normalize);

        var valid = Verify(testCase.Timestamp + testCase.Expires);
        Assert.Null(valid.Failure);
        Assert.Equal(testCase.ExpectedPresignedCanonicalRequest, valid.CanonicalRequest);

        var expired = Verify(testCase.Timestamp + testCase.Expires + TimeSpan.FromSeconds(1));
        Assert.Equal(SigV4FailureKind.Expired, expired.Failure?.Kind);
        Assert.Equal("Request has expired", expired.Failure?.Message);
    }
}
