using Fargo.Aws.Http;
using Fargo.Aws.Protocols;

namespace Fargo.Aws.SecretsManager;

/// <summary>AWS Secrets Manager: the operations Fargo uses, one method each.</summary>
public sealed class SecretsManagerClient(AwsJsonProtocolClient protocol)
{
    private readonly AwsJsonProtocolClient _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));

    public SecretsManagerClient(AwsHttpClient http)
        : this(new AwsJsonProtocolClient(http))
    {
    }

    public Task<CreateSecretResponse> CreateSecretAsync(CreateSecretRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.SecretsManager, "CreateSecret", request, SecretsManagerJsonContext.Default.CreateSecretRequest, SecretsManagerJsonContext.Default.CreateSecretResponse, cancellationToken);

    public Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.SecretsManager, "GetSecretValue", request, SecretsManagerJsonContext.Default.GetSecretValueRequest, SecretsManagerJsonContext.Default.GetSecretValueResponse, cancellationToken);

    public Task<DescribeSecretResponse> DescribeSecretAsync(DescribeSecretRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.SecretsManager, "DescribeSecret", request, SecretsManagerJsonContext.Default.DescribeSecretRequest, SecretsManagerJsonContext.Default.DescribeSecretResponse, cancellationToken);

    public Task<PutSecretValueResponse> PutSecretValueAsync(PutSecretValueRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.SecretsManager, "PutSecretValue", request, SecretsManagerJsonContext.Default.PutSecretValueRequest, SecretsManagerJsonContext.Default.PutSecretValueResponse, cancellationToken);

    public Task<UpdateSecretResponse> UpdateSecretAsync(UpdateSecretRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.SecretsManager, "UpdateSecret", request, SecretsManagerJsonContext.Default.UpdateSecretRequest, SecretsManagerJsonContext.Default.UpdateSecretResponse, cancellationToken);

    public Task<DeleteSecretResponse> DeleteSecretAsync(DeleteSecretRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.SecretsManager, "DeleteSecret", request, SecretsManagerJsonContext.Default.DeleteSecretRequest, SecretsManagerJsonContext.Default.DeleteSecretResponse, cancellationToken);

    public Task<ListSecretsResponse> ListSecretsAsync(ListSecretsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.SecretsManager, "ListSecrets", request, SecretsManagerJsonContext.Default.ListSecretsRequest, SecretsManagerJsonContext.Default.ListSecretsResponse, cancellationToken);

    public Task<GetRandomPasswordResponse> GetRandomPasswordAsync(GetRandomPasswordRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.SecretsManager, "GetRandomPassword", request, SecretsManagerJsonContext.Default.GetRandomPasswordRequest, SecretsManagerJsonContext.Default.GetRandomPasswordResponse, cancellationToken);

    public Task<RestoreSecretResponse> RestoreSecretAsync(RestoreSecretRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.SecretsManager, "RestoreSecret", request, SecretsManagerJsonContext.Default.RestoreSecretRequest, SecretsManagerJsonContext.Default.RestoreSecretResponse, cancellationToken);
}
