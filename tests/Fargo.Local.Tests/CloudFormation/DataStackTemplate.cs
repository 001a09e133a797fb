namespace Fargo.Local.Tests.CloudFormation;

/// <summary>
/// A database as Fargo's service stacks declare one: a generated secret, a PostgreSQL instance whose master user
/// and password come from it by dynamic reference, and the attachment that writes the endpoint into the secret;
/// an ECR repository with immutable tags and a lifecycle policy; a log group with retention.
/// </summary>
public static class DataStackTemplate
{
    public const string Yaml = """
        Resources:
          DatabaseSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString:
                SecretStringTemplate: '{"username":"fargo","dbname":"todo"}'
                GenerateStringKey: password
                PasswordLength: 30
                ExcludeCharacters: " %+~`#$&*()|[]{}:;<>?!'/@\"\\"
          Database:
            Type: AWS::RDS::DBInstance
            DeletionPolicy: Snapshot
            Properties:
              DBInstanceIdentifier: data-test-db
              Engine: postgres
              EngineVersion: "16"
              DBInstanceClass: db.t4g.micro
              AllocatedStorage: "20"
              DBName: todo
              MasterUsername: !Sub "{{resolve:secretsmanager:${DatabaseSecret}:SecretString:username::}}"
              MasterUserPassword: !Join ["", ["{{resolve:secretsmanager:", !Ref DatabaseSecret, ":SecretString:password::}}"]]
          Attachment:
            Type: AWS::SecretsManager::SecretTargetAttachment
            Properties:
              SecretId: !Ref DatabaseSecret
              TargetId: !Ref Database
              TargetType: AWS::RDS::DBInstance
          Repository:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: data-test
              ImageTagMutability: IMMUTABLE
              ImageScanningConfiguration: {ScanOnPush: true}
              LifecyclePolicy:
                LifecyclePolicyText: '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}]}'
              EmptyOnDelete: true
          Logs:
            Type: AWS::Logs::LogGroup
            Properties:
              LogGroupName: /test/data
              RetentionInDays: 14
        Outputs:
          Secret:
            Value: !Ref DatabaseSecret
          Endpoint:
            Value: !Sub "${Database.Endpoint.Address}:${Database.Endpoint.Port}"
        """;
}
