namespace Fargo.Local.Tests.CloudFormation;

/// <summary>
/// A hand-written template as a user would write one, in YAML with the short-form tags: a VPC with two subnets,
/// security groups, a cluster, a log group, a generated Secrets Manager secret handed to the task, the task
/// definition, and the service behind a target group and a listener.
/// </summary>
public static class WebStackTemplate
{
    public const string Yaml = """
        AWSTemplateFormatVersion: "2010-09-09"
        Description: The test service behind a load balancer
        Parameters:
          Image:
            Type: String
          ListenerPort:
            Type: Number
          DesiredCount:
            Type: Number
            Default: 1
          HealthPath:
            Type: String
            Default: /health
          Mode:
            Type: String
            Default: serve
            AllowedValues: [serve, exit]
        Conditions:
          ExitAtOnce: !Equals [!Ref Mode, exit]
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          SubnetA:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 2, 8]]
              AvailabilityZone: !Select [0, !GetAZs ""]
          SubnetB:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: !Select [1, !Cidr [!GetAtt Vpc.CidrBlock, 2, 8]]
              AvailabilityZone: !Select [1, !GetAZs ""]
          LoadBalancerSecurityGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: HTTP from anywhere
              VpcId: !Ref Vpc
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: !Ref ListenerPort
                  ToPort: !Ref ListenerPort
                  CidrIp: 0.0.0.0/0
          ServiceSecurityGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: From the load balancer
              VpcId: !Ref Vpc
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: 8080
                  ToPort: 8080
                  SourceSecurityGroupId: !GetAtt LoadBalancerSecurityGroup.GroupId
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterName: !Sub "${AWS::StackName}-cluster"
          LogGroup:
            Type: AWS::Logs::LogGroup
            Properties:
              LogGroupName: !Sub "/test/${AWS::StackName}"
              RetentionInDays: 7
          ApiKey:
            Type: AWS::SecretsManager::Secret
            Properties:
              Name: !Sub "${AWS::StackName}/api-key"
              GenerateSecretString:
                SecretStringTemplate: '{"user": "web"}'
                GenerateStringKey: key
                ExcludePunctuation: true
                PasswordLength: 24
          ExecutionRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: {Service: ecs-tasks.amazonaws.com}
                    Action: sts:AssumeRole
              ManagedPolicyArns:
                - !Sub "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
              # ECS reads the task's secret with this role (the managed policy alone does not let it).
              Policies:
                - PolicyName: read-api-key
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: secretsmanager:GetSecretValue
                        Resource: !Ref ApiKey
          TaskDefinition:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: !Sub "${AWS::StackName}-web"
              ExecutionRoleArn: !GetAtt ExecutionRole.Arn
              NetworkMode: awsvpc
              RequiresCompatibilities: [FARGATE]
              Cpu: "256"
              Memory: "512"
              ContainerDefinitions:
                - Name: web
                  Image: !Ref Image
                  Essential: true
                  Command: [python3, server.py]
                  PortMappings:
                    - ContainerPort: 8080
                      Protocol: tcp
                  Environment:
                    - Name: VERSION
                      Value: !Sub "${AWS::StackName}-v1"
                    - !If
                      - ExitAtOnce
                      - Name: MODE
                        Value: exit
                      - !Ref AWS::NoValue
                  Secrets:
                    - Name: SECRET
                      ValueFrom: !Sub "${ApiKey}:key::"
                  LogConfiguration:
                    LogDriver: awslogs
                    Options:
                      awslogs-group: !Ref LogGroup
                      awslogs-region: !Ref AWS::Region
                      awslogs-stream-prefix: web
          LoadBalancer:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties:
              Scheme: internet-facing
              Type: application
              Subnets: [!Ref SubnetA, !Ref SubnetB]
              SecurityGroups: [!Ref LoadBalancerSecurityGroup]
          TargetGroup:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties:
              Port: 8080
              Protocol: HTTP
              TargetType: ip
              VpcId: !Ref Vpc
              HealthCheckPath: !Ref HealthPath
              HealthCheckIntervalSeconds: 5
              HealthCheckTimeoutSeconds: 2
              HealthyThresholdCount: 2
              TargetGroupAttributes:
                - Key: deregistration_delay.timeout_seconds
                  Value: "1"
          Listener:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref LoadBalancer
              Port: !Ref ListenerPort
              Protocol: HTTP
              DefaultActions:
                - Type: forward
                  TargetGroupArn: !Ref TargetGroup
          Service:
            Type: AWS::ECS::Service
            DependsOn: Listener
            Properties:
              ServiceName: web
              Cluster: !Ref Cluster
              LaunchType: FARGATE
              DesiredCount: !Ref DesiredCount
              TaskDefinition: !Ref TaskDefinition
              HealthCheckGracePeriodSeconds: 10
              DeploymentConfiguration:
                MinimumHealthyPercent: 100
                MaximumPercent: 200
                DeploymentCircuitBreaker:
                  Enable: true
                  Rollback: true
              NetworkConfiguration:
                AwsvpcConfiguration:
                  AssignPublicIp: DISABLED
                  Subnets: [!Ref SubnetA, !Ref SubnetB]
                  SecurityGroups: [!GetAtt ServiceSecurityGroup.GroupId]
              LoadBalancers:
                - ContainerName: web
                  ContainerPort: 8080
                  TargetGroupArn: !Ref TargetGroup
        Outputs:
          ClusterName:
            Value: !Ref Cluster
            Export:
              Name: !Sub "${AWS::StackName}-cluster"
          SecretArn:
            Value: !Ref ApiKey
        """;

    /// <summary>A stack that imports the web stack's cluster export (so that export is in use).</summary>
    public const string Importer = """
        Resources:
          ClusterNote:
            Type: AWS::SSM::Parameter
            Properties:
              Name: /test/importer/cluster
              Type: String
              Value: !ImportValue web-cluster
        """;

    /// <summary>A template whose Ref names nothing: refused before anything is made.</summary>
    public const string UnresolvedRef = """
        Resources:
          Note:
            Type: AWS::SSM::Parameter
            Properties:
              Type: String
              Value: !Ref Missing
        """;
}
