using Fargo.Aws;
using Fargo.Aws.Ssm;
using Fargo.Local.Ssm;

namespace Fargo.Local.Api;

/// <summary>SSM Parameter Store's operations on the wire, served by the <see cref="ParameterStore"/>.</summary>
internal static class SsmApi
{
    public static JsonOperationTable Create(ParameterStore store)
    {
        var json = SsmJsonContext.Default;
        return new JsonOperationTable(AwsServices.Ssm)
            .Add("PutParameter", json.PutParameterRequest, json.PutParameterResponse, request =>
            {
                var (version, tier) = store.Put(
                    request.Name,
                    request.Value,
                    request.Type?.Value,
                    request.Overwrite ?? false,
                    request.Description,
                    request.KeyId,
                    request.AllowedPattern,
                    request.DataType,
                    request.Tags?.Select(t => new KeyValuePair<string, string>(t.Key, t.Value)).ToList());
                return new PutParameterResponse { Version = version, Tier = ParameterTier.FromWire(tier) };
            })
            .Add("GetParameter", json.GetParameterRequest, json.GetParameterResponse, request =>
                new GetParameterResponse { Parameter = ToWire(store.Get(request.Name, request.WithDecryption ?? false)) })
            .Add("GetParameters", json.GetParametersRequest, json.GetParametersResponse, request =>
            {
                var (found, invalid) = store.GetMany(request.Names, request.WithDecryption ?? false);
                return new GetParametersResponse { Parameters = found.Select(ToWire).ToList(), InvalidParameters = invalid };
            })
            .Add("GetParametersByPath", json.GetParametersByPathRequest, json.GetParametersByPathResponse, request =>
            {
                var (parameters, next) = store.GetByPath(
                    request.Path,
                    request.Recursive ?? false,
                    request.WithDecryption ?? false,
                    request.ParameterFilters?.Select(ToFilter).ToList(),
                    request.MaxResults,
                    request.NextToken);
                return new GetParametersByPathResponse { Parameters = parameters.Select(ToWire).ToList(), NextToken = next };
            })
            .Add("DeleteParameter", json.DeleteParameterRequest, json.DeleteParameterResponse, request =>
            {
                store.Delete(request.Name);
                return new DeleteParameterResponse();
            })
            .Add("DescribeParameters", json.DescribeParametersRequest, json.DescribeParametersResponse, request =>
            {
                var filters = (request.ParameterFilters?.Select(ToFilter) ?? [])
                    .Concat(request.Filters?.Select(f => new ParameterFilter(f.Key.Value, "Equals", f.Values)) ?? [])
                    .ToList();
                var (parameters, next) = store.Describe(filters, request.MaxResults, request.NextToken);
                return new DescribeParametersResponse
                {
                    Parameters = parameters.Select(p => new ParameterMetadata
                    {
                        Name = p.Name,
                        ARN = p.Arn,
                        Type = ParameterType.FromWire(p.Type),
                        KeyId = p.KeyId,
                        LastModifiedDate = p.LastModifiedDate,
                        LastModifiedUser = "arn:aws:iam::" + LocalRegionConstants.Account + ":root",
                        Description = p.Description,
                        AllowedPattern = p.AllowedPattern,
                        Version = p.Version,
                        Tier = ParameterTier.FromWire(p.Tier),
                        Policies = [],
                        DataType = p.DataType,
                    }).ToList(),
                    NextToken = next,
                };
            });
    }

    private static ParameterFilter ToFilter(ParameterStringFilter filter) => new(filter.Key, filter.Option, filter.Values ?? []);

    private static Parameter ToWire(ParameterValue value) => new()
    {
        Name = value.Name,
        Type = ParameterType.FromWire(value.Type),
        Value = value.Value,
        Version = value.Version,
        Selector = value.Selector,
        LastModifiedDate = value.LastModifiedDate,
        ARN = value.Arn,
        DataType = value.DataType,
    };
}
