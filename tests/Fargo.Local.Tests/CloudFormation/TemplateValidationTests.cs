using Fargo.Local.CloudFormation.Template;

namespace Fargo.Local.Tests.CloudFormation;

/// <summary>What CloudFormation refuses before anything is made, with its own messages.</summary>
public sealed class TemplateValidationTests
{
    private static string Refusal(string template) =>
        Assert.Throws<TemplateException>(() => TemplateValidator.Validate(StackTemplate.Parse(template))).Message;

    [Fact]
    public void An_unknown_type_names_the_type_and_the_resource()
    {
        var message = Refusal("Resources: {Thing: {Type: AWS::Foo::Bar}, Note: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: x}}}");

        Assert.StartsWith("Template format error: Unrecognized resource types: [AWS::Foo::Bar]", message, StringComparison.Ordinal);
        Assert.Contains("Thing: AWS::Foo::Bar", message, StringComparison.Ordinal);
    }

    [Fact]
    public void References_to_nothing_are_refused()
    {
        Assert.Equal(
            "Template format error: Unresolved resource dependencies [Nowhere] in the Resources block of the template",
            Refusal("Resources: {A: {Type: AWS::SNS::Topic, Properties: {TopicName: !Ref Nowhere}}}"));
        Assert.Equal(
            "Template error: instance of Fn::GetAtt references undefined resource Ghost",
            Refusal("Resources: {A: {Type: AWS::SNS::Topic, Properties: {TopicName: !GetAtt Ghost.Arn}}}"));
        Assert.Equal(
            "Template error: resource B does not support attribute type Colour in Fn::GetAtt",
            Refusal("Resources: {B: {Type: AWS::SNS::Topic}, A: {Type: AWS::SNS::Topic, Properties: {TopicName: !GetAtt B.Colour}}}"));
        Assert.Equal(
            "Template format error: At least one Resources member must be defined.",
            Refusal("Resources: {}"));
    }

    [Fact]
    public void A_dependency_cycle_is_refused_naming_its_resources()
    {
        Assert.Equal(
            "Circular dependency between resources: [A, B]",
            Refusal("Resources: {A: {Type: AWS::SNS::Topic, Properties: {TopicName: !GetAtt B.TopicName}}, B: {Type: AWS::SNS::Topic, DependsOn: A}}"));
    }

    [Fact]
    public void Parameters_need_values_and_must_be_allowed_ones()
    {
        var template = StackTemplate.Parse("""
            Parameters:
              Env: {Type: String, AllowedValues: [qa, prod]}
              Size: {Type: Number, Default: 2, MinValue: 1, MaxValue: 4}
            Resources: {A: {Type: AWS::SNS::Topic}}
            """);
        var none = new HashSet<string>();

        Assert.Equal("Parameters: [Env] must have values",
            Assert.Throws<TemplateException>(() => TemplateValidator.BindParameters(template, new Dictionary<string, string>(), null, none)).Message);
        Assert.Equal("Parameter 'Env' must be one of AllowedValues",
            Assert.Throws<TemplateException>(() => TemplateValidator.BindParameters(template, new Dictionary<string, string> { ["Env"] = "dev" }, null, none)).Message);
        Assert.Throws<TemplateException>(() => TemplateValidator.BindParameters(template, new Dictionary<string, string> { ["Env"] = "qa", ["Size"] = "9" }, null, none));
        var bound = TemplateValidator.BindParameters(template, new Dictionary<string, string> { ["Env"] = "qa" }, null, none);
        Assert.Equal("2", bound["Size"]);
    }
}
