using System.Text;
using Fargo.Aws.Credentials;
using Fargo.Aws.Signing;

namespace Fargo.Aws.Tests.Signing;

/// <summary>
/// Streaming uploads (aws-chunked): each chunk's signature chains from the request's. The figures are AWS's own
/// example in "Signature Calculations for the Authorization Header: Transferring Payload in Multiple Chunks" (S3 API
/// reference): a 66560-byte object of 'a' sent as a 65536-byte chunk, a 1024-byte chunk and the final empty one.
/// </summary>
public sealed class SigV4ChunkChainTests
{
    private static readonly AwsCredentials Example = new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static readonly DateTimeOffset SignedAt = new(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);
    private const string SeedSignature = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";

    [Fact]
    public void The_chain_reproduces_AWS_s_documented_chunk_signatures()
    {
        var chain = SigV4Signer.ChunkChain(Example, new SigV4SigningOptions("us-east-1", "s3"), SignedAt, SeedSignature);

        Assert.Equal("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648", chain.SignChunk(Encoding.ASCII.GetBytes(new string('a', 65536))));
        Assert.Equal("0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497", chain.SignChunk(Encoding.ASCII.GetBytes(new string('a', 1024))));
        Assert.Equal("b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9", chain.SignChunk([]));
    }

    [Fact]
    public void A_verifying_chain_accepts_the_signed_chunks_and_refuses_a_changed_one()
    {
        var signer = SigV4Signer.ChunkChain(Example, new SigV4SigningOptions("us-east-1", "s3"), SignedAt, SeedSignature);
        var verifier = SigV4Signer.ChunkChain(Example, new SigV4SigningOptions("us-east-1", "s3"), SignedAt, SeedSignature);
        var first = Encoding.ASCII.GetBytes(new string('a', 65536));
        var second = Encoding.ASCII.GetBytes(new string('a', 1024));
        var firstSignature = signer.SignChunk(first);
        var secondSignature = signer.SignChunk(second);

        Assert.True(verifier.AcceptChunk(System.Security.Cryptography.SHA256.HashData(first), firstSignature));
        Assert.False(verifier.AcceptChunk(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(new string('b', 1024))), secondSignature));
        Assert.True(verifier.AcceptChunk(System.Security.Cryptography.SHA256.HashData(second), secondSignature));
    }
}
