namespace Fargo.Aws.Tests.Endpoints;

public sealed class AwsSharedConfigTests
{
    private const string Config = """
        # comment
        [default]
        region = us-east-1
        output=json

        [profile dev]
        region = eu-west-1
        sso_session = corp
        ; another comment
        [profile  spaced ]
        region = ap-south-1

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = us-east-1

        [services local]
        ecs =
          endpoint_url = http://127.0.0.1:4566
          other = x
        sts =
          endpoint_url = http://127.0.0.1:4567
        """;

    private const string Credentials = "[default]\r\naws_access_key_id = AKIADEFAULT\r\naws_secret_access_key = s3cret\r\nregion = us-west-2\r\n\r\n[ci]\naws_access_key_id=AKIACI\n";

    private static AwsSharedConfig Parse() => AwsSharedConfig.Parse("/c/config", Config, "/c/credentials", Credentials);

    [Fact]
    public void Profiles_merge_both_files_and_the_credentials_file_wins()
    {
        var profile = Parse().GetProfile("default")!;

        Assert.Equal("us-west-2", profile["region"]);
        Assert.Equal("json", profile["output"]);
        Assert.Equal("AKIADEFAULT", profile["aws_access_key_id"]);
    }

    [Fact]
    public void Config_profiles_need_the_profile_prefix_and_credentials_profiles_do_not()
    {
        var config = Parse();

        Assert.Equal(["ci", "default", "dev", "spaced"], config.ProfileNames);
        Assert.Equal("eu-west-1", config.GetProfile("dev")!["region"]);
        Assert.Equal("ap-south-1", config.GetProfile("spaced")!["region"]);
        Assert.Equal("AKIACI", config.GetProfile("ci")!["aws_access_key_id"]);
        Assert.Null(config.GetProfile("corp"));
        Assert.False(config.HasProfile("local"));
    }

    [Fact]
    public void Sso_sessions_and_services_sections_are_read_with_their_sub_settings()
    {
        var config = Parse();

        Assert.Equal("https://corp.awsapps.com/start", config.GetSsoSession("corp")!["sso_start_url"]);
        Assert.Equal("http://127.0.0.1:4566", config.GetServiceSettings("local", "ecs")!["endpoint_url"]);
        Assert.Equal("x", config.GetServiceSettings("local", "ecs")!["other"]);
        Assert.Equal("http://127.0.0.1:4567", config.GetServiceSettings("local", "sts")!["endpoint_url"]);
        Assert.Null(config.GetServiceSettings("local", "ssm"));
    }

    [Fact]
    public void Files_are_found_through_the_environment()
    {
        var folder = Directory.CreateTempSubdirectory("fargo-aws-config-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "cfg"), "[profile from-env]\nregion = sa-east-1\n");
            Directory.CreateDirectory(Path.Combine(folder.FullName, ".aws"));
            File.WriteAllText(Path.Combine(folder.FullName, ".aws", "credentials"), "[home]\naws_access_key_id = AKIAHOME\n");
            var environment = AwsEnvironment.Fixed(new Dictionary<string, string> { ["AWS_CONFIG_FILE"] = Path.Combine(folder.FullName, "cfg") }, folder.FullName);

            var config = AwsSharedConfig.Load(environment);

            Assert.Equal("sa-east-1", config.GetProfile("from-env")!["region"]);
            Assert.Equal("AKIAHOME", config.GetProfile("home")!["aws_access_key_id"]);
            Assert.Equal(Path.Combine(folder.FullName, ".aws", "credentials"), config.CredentialsFilePath);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
