using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Fargo.Aws;
using Fargo.Aws.Credentials;
using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Aws.Signing;
using Fargo.Local.Api;
using Fargo.Local.Artifacts;

namespace Fargo.Local.Client;

/// <summary>
/// Uploads a directory into the local ECR (`fargo local import DIR REPO:TAG`): the directory goes as a tar
/// stream to the engine's signed import endpoint, which stores it by digest and tags it.
/// </summary>
public static class LocalImageImporter
{
    /// <param name="signer">
    /// The credentials the import is signed with: null for the local region's own key; a role session's (a [pipeline]
    /// stage's deploy role) to have the import authorized as the ECR push it stands for.
    /// </param>
    public static async Task<ImportImageResult> ImportAsync(
        LocalRegionConnection region, string directory, string repository, string tag, CancellationToken cancellationToken, AwsCredentials? signer = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        var tarPath = Path.Combine(Path.GetTempPath(), "fargo-import-" + Guid.NewGuid().ToString("N") + ".tar");
        try
        {
            string hash;
            var tar = new FileStream(tarPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            await using (tar.ConfigureAwait(false))
            {
                await ArtifactTar.WriteAsync(directory, tar, cancellationToken).ConfigureAwait(false);
                tar.Position = 0;
                hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(tar, cancellationToken).ConfigureAwait(false));
                tar.Position = 0;

                var query = AwsQueryForm.Encode([new("imageTag", tag), new("repositoryName", repository)]);
                var uri = new Uri(region.Endpoint, LocalApi.ImportPath + "?" + query);
                var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
                // The signature covers the body's hash through a signed header, over an empty payload, so the
                // body can stream; the engine checks the stream against the hash before storing anything.
                var wire = new AwsWireRequest("POST", LocalApi.ImportPath, query,
                    [new("Host", host), new("Content-Type", "application/x-tar"), new(LocalApi.ContentSha256Header, hash)],
                    ReadOnlyMemory<byte>.Empty);
                var signature = SigV4Signer.Sign(wire, signer ?? new AwsCredentials(region.Credentials.AccessKeyId, region.Credentials.SecretAccessKey),
                    new SigV4SigningOptions(LocalRegionConstants.Region, AwsServices.Ecr.SigningName), DateTimeOffset.UtcNow);

                using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StreamContent(tar) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
                request.Headers.TryAddWithoutValidation(LocalApi.ContentSha256Header, hash);
                foreach (var (name, value) in signature.AddedHeaders)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    var headers = response.Headers.Concat(response.Content.Headers)
                        .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
                    throw AwsErrorParser.Parse(AwsServices.Ecr, "ImportImage", (int)response.StatusCode, headers, body);
                }

                return JsonSerializer.Deserialize(body, ApiJsonContext.Default.ImportImageResult)
                    ?? throw new LocalRegionException("The local region answered the import with an empty body.");
            }
        }
        finally
        {
            File.Delete(tarPath);
        }
    }
}
