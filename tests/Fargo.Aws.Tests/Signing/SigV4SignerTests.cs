using System.Text;
using Fargo.Aws.Credentials;
using Fargo.Aws.Signing;

namespace Fargo.Aws.Tests.Signing;

public sealed class SigV4SignerTests
{
    private static readonly DateTimeOffset SignedAt = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Signing_an_HttpRequestMessage_adds_host_date_token_and_authorization_that_verify()
    {
        var credentials = new AwsCredentials("ASIAEXAMPLE00000001", "secret", "session-token");
        using var message = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:4566/?x=1 2");
        message.Content = new StringContent("Action=GetCallerIdentity&Version=2011-06-15", Encoding.UTF8);
        message.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

        var result = await SigV4Signer.SignAsync(message, credentials, new SigV4SigningOptions("us-east-1", "sts"), SignedAt, CancellationToken.None);

        Assert.Equal("127.0.0.1:4566", message.Headers.Host);
        Assert.Equal("20240501T120000Z", message.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal("session-token", message.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE00000001/20240501/us-east-1/sts/aws4_request, SignedHeaders=", result.Authorization, StringComparison.Ordinal);
        Assert.Contains("x-amz-security-token", result.Authorization, StringComparison.Ordinal);

        var headers = message.Headers.Concat(message.Content.Headers).SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
        var wire = new AwsWireRequest("POST", message.RequestUri!.AbsolutePath, message.RequestUri.Query.TrimStart('?'), headers,
            await message.Content.ReadAsByteArrayAsync());
        var verifier = new SigV4Verifier(key => key == credentials.AccessKeyId ? credentials : null, new FixedClock(SignedAt));
        Assert.True(verifier.Verify(wire, "us-east-1", "sts").IsValid);
    }

    [Fact]
    public void Signing_again_replaces_the_previous_signature_headers()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", "secret");
        var request = new AwsWireRequest("POST", "/", "", [new("Host", "ecs.us-east-1.amazonaws.com")], Array.Empty<byte>());
        var first = SigV4Signer.Sign(request, credentials, new SigV4SigningOptions("us-east-1", "ecs"), SignedAt);
        var resigned = request with { Headers = [.. request.Headers, .. first.AddedHeaders] };

        var second = SigV4Signer.Sign(resigned, credentials, new SigV4SigningOptions("us-east-1", "ecs"), SignedAt.AddMinutes(1));

        Assert.DoesNotContain("authorization", second.CanonicalRequest, StringComparison.Ordinal);
        Assert.Contains("x-amz-date:20240501T120100Z", second.CanonicalRequest, StringComparison.Ordinal);
        Assert.DoesNotContain("20240501T120000Z", second.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_without_a_host_cannot_be_signed()
    {
        var request = new AwsWireRequest("GET", "/", "", [], Array.Empty<byte>());

        Assert.Throws<ArgumentException>(() => SigV4Signer.Sign(request, new AwsCredentials("AKID", "secret"), new SigV4SigningOptions("us-east-1", "ecs"), SignedAt));
    }

    [Fact]
    public void Credentials_never_show_their_secret_or_token_when_printed()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG", "FQoGZXIvYXdzE-token");

        var printed = credentials.ToString();

        Assert.Contains("AKIDEXAMPLE", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("FQoGZXIvYXdzE", printed, StringComparison.Ordinal);
    }
}
