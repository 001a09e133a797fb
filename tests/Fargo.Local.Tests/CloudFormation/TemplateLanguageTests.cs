using System.Text.Json.Nodes;
using Fargo.Local.CloudFormation.Template;

namespace Fargo.Local.Tests.CloudFormation;

/// <summary>The template language: YAML's short forms, every intrinsic function, pseudo parameters and conditions.</summary>
public sealed class TemplateLanguageTests
{
    private static EvaluationScope Scope(
        Dictionary<string, JsonNode?>? parameters = null,
        Dictionary<string, bool>? conditions = null,
        Dictionary<string, ResourceValues>? resources = null,
        Dictionary<string, string>? exports = null,
        JsonObject? mappings = null) => new()
        {
            Parameters = parameters ?? new Dictionary<string, JsonNode?>(),
            AccountId = "000000000000",
            Region = "local",
            StackName = "demo",
            StackId = "arn:aws:cloudformation:local:000000000000:stack/demo/1",
            Mappings = mappings ?? [],
            Conditions = conditions ?? new Dictionary<string, bool>(),
            Resource = id => resources?.GetValueOrDefault(id),
            Import = name => exports?.GetValueOrDefault(name),
            DynamicReference = reference => "resolved(" + reference + ")",
            ResourceIds = (resources?.Keys ?? Enumerable.Empty<string>()).ToHashSet(),
        };

    private static JsonNode? Yaml(string value) => TemplateReader.Read("v: " + value)["v"];

    private static string? Eval(string yaml, EvaluationScope scope) => TemplateEvaluator.Text(TemplateEvaluator.Resolve(Yaml(yaml), scope));

    [Fact]
    public void Short_form_tags_read_as_the_long_form()
    {
        var template = TemplateReader.Read("""
            a: !Ref Name
            b: !GetAtt Res.Attr.Nested
            c: !Sub "x-${AWS::Region}"
            d: !Join [",", [a, b]]
            e: !If [Cond, 1, !Ref AWS::NoValue]
            f: 80
            g: "80"
            h: true
            """);

        Assert.Equal("""{"Ref":"Name"}""", template["a"]!.ToJsonString());
        Assert.Equal("""{"Fn::GetAtt":["Res","Attr.Nested"]}""", template["b"]!.ToJsonString());
        Assert.Equal("""{"Fn::Sub":"x-${AWS::Region}"}""", template["c"]!.ToJsonString());
        Assert.Equal("""{"Fn::Join":[",",["a","b"]]}""", template["d"]!.ToJsonString());
        Assert.Equal("""{"Fn::If":["Cond",1,{"Ref":"AWS::NoValue"}]}""", template["e"]!.ToJsonString());
        Assert.Equal("80", template["f"]!.ToJsonString());
        Assert.Equal("\"80\"", template["g"]!.ToJsonString());
        Assert.Equal("true", template["h"]!.ToJsonString());
    }

    [Fact]
    public void A_template_that_is_not_well_formed_is_a_format_error()
    {
        var error = Assert.Throws<TemplateException>(() => TemplateReader.Read("Resources:\n  A: [unclosed"));

        Assert.StartsWith("Template format error: YAML not well-formed.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pseudo_parameters_resolve_to_the_local_account_region_and_stack()
    {
        var scope = Scope();

        Assert.Equal("000000000000", Eval("!Ref AWS::AccountId", scope));
        Assert.Equal("local", Eval("!Ref AWS::Region", scope));
        Assert.Equal("aws", Eval("!Ref AWS::Partition", scope));
        Assert.Equal("demo", Eval("!Ref AWS::StackName", scope));
        Assert.Equal("arn:aws:cloudformation:local:000000000000:stack/demo/1", Eval("!Ref AWS::StackId", scope));
        Assert.Equal("amazonaws.com", Eval("!Ref AWS::URLSuffix", scope));
        Assert.Equal("[]", Eval("!Ref AWS::NotificationARNs", scope));
    }

    [Fact]
    public void Sub_replaces_parameters_attributes_and_variables_and_keeps_escaped_literals()
    {
        var scope = Scope(
            parameters: new() { ["Env"] = "qa" },
            resources: new() { ["Bucket"] = new ResourceValues("my-bucket", new Dictionary<string, JsonNode?> { ["Arn"] = "arn:aws:s3:::my-bucket" }) });

        Assert.Equal("qa-my-bucket-arn:aws:s3:::my-bucket-local-${Literal}", Eval("!Sub '${Env}-${Bucket}-${Bucket.Arn}-${AWS::Region}-${!Literal}'", scope));
        Assert.Equal("v=42,qa", Eval("!Sub ['v=${X},${Env}', {X: 42}]", scope));
    }

    [Fact]
    public void Join_Select_Split_GetAZs_Base64_and_Cidr_compute_as_on_AWS()
    {
        var scope = Scope();

        Assert.Equal("a-b-c", Eval("!Join ['-', [a, b, c]]", scope));
        Assert.Equal("b", Eval("!Select [1, [a, b, c]]", scope));
        Assert.Equal("c", Eval("!Select [2, !Split [',', 'a,b,c']]", scope));
        Assert.Equal("locala,localb,localc", Eval("!Join [',', !GetAZs '']", scope));
        Assert.Equal("aGVsbG8=", Eval("!Base64 hello", scope));
        Assert.Equal("10.0.0.0/24,10.0.1.0/24,10.0.2.0/24", Eval("!Join [',', !Cidr [10.0.0.0/16, 3, 8]]", scope));
        Assert.Equal("192.168.0.64/26", Eval("!Select [1, !Cidr [192.168.0.0/24, 4, 6]]", scope));
        Assert.Throws<TemplateException>(() => Eval("!Select [5, [a]]", scope));
    }

    [Fact]
    public void FindInMap_reads_the_mappings_and_fails_with_AWSs_message_for_a_missing_key()
    {
        var mappings = TemplateReader.Read("Sizes: {qa: {Cpu: 256}, prod: {Cpu: 1024}}");
        var scope = Scope(parameters: new() { ["Env"] = "prod" }, mappings: mappings);

        Assert.Equal("1024", Eval("!FindInMap [Sizes, !Ref Env, Cpu]", scope));
        var error = Assert.Throws<TemplateException>(() => Eval("!FindInMap [Sizes, dev, Cpu]", scope));
        Assert.Equal("Template error: Unable to get mapping for Sizes::dev::Cpu", error.Message);
    }

    [Fact]
    public void If_with_NoValue_removes_the_property_or_list_item()
    {
        var scope = Scope(conditions: new() { ["Yes"] = true, ["No"] = false });
        var value = TemplateEvaluator.Resolve(TemplateReader.Read("""
            v:
              Kept: !If [Yes, here, !Ref AWS::NoValue]
              Dropped: !If [No, here, !Ref AWS::NoValue]
              List: [a, !If [No, b, !Ref AWS::NoValue], c]
            """)["v"], scope);

        Assert.Equal("""{"Kept":"here","List":["a","c"]}""", value!.ToJsonString());
    }

    [Fact]
    public void Conditions_combine_Equals_Not_And_Or_and_name_each_other()
    {
        var conditions = TemplateReader.Read("""
            IsProd: !Equals [!Ref Env, prod]
            IsNotProd: !Not [!Condition IsProd]
            ProdInLocal: !And [!Condition IsProd, !Equals [!Ref AWS::Region, local]]
            Either: !Or [!Condition IsNotProd, !Equals [a, b]]
            """);

        var prod = TemplateEvaluator.EvaluateConditions(conditions, Scope(parameters: new() { ["Env"] = "prod" }));
        var qa = TemplateEvaluator.EvaluateConditions(conditions, Scope(parameters: new() { ["Env"] = "qa" }));

        Assert.Equal(new[] { true, false, true, false }, new[] { prod["IsProd"], prod["IsNotProd"], prod["ProdInLocal"], prod["Either"] });
        Assert.Equal(new[] { false, true, false, true }, new[] { qa["IsProd"], qa["IsNotProd"], qa["ProdInLocal"], qa["Either"] });
    }

    [Fact]
    public void ImportValue_reads_an_export_and_a_missing_one_fails_with_AWSs_message()
    {
        var scope = Scope(exports: new() { ["net-vpc"] = "vpc-123" });

        Assert.Equal("vpc-123", Eval("!ImportValue net-vpc", scope));
        Assert.Equal("No export named net-other found.", Assert.Throws<TemplateException>(() => Eval("!ImportValue net-other", scope)).Message);
    }

    [Fact]
    public void GetAtt_of_an_attribute_the_resource_lacks_fails_and_dynamic_references_resolve_in_strings()
    {
        var scope = Scope(resources: new() { ["Db"] = new ResourceValues("db-1", new Dictionary<string, JsonNode?> { ["Endpoint.Address"] = "127.0.0.1" }) });

        Assert.Equal("127.0.0.1", Eval("!GetAtt Db.Endpoint.Address", scope));
        Assert.Throws<TemplateException>(() => Eval("!GetAtt Db.Nope", scope));
        Assert.Equal("pw=resolved(secretsmanager:db:SecretString:password)", Eval("'pw={{resolve:secretsmanager:db:SecretString:password}}'", scope));
    }

    [Fact]
    public void Dependencies_come_from_Ref_GetAtt_and_Sub_but_not_from_parameters_or_escaped_literals()
    {
        var ids = new HashSet<string> { "A", "B", "C", "D" };
        var found = new HashSet<string>();

        TemplateEvaluator.CollectDependencies(TemplateReader.Read("""
            x: !Ref A
            y: !GetAtt B.Arn
            z: !Sub "${C.Name}-${Param}-${!D}"
            """), ids, found);

        Assert.Equal(["A", "B", "C"], found.Order());
    }
}
