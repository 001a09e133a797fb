using Fargo.Aws.Iam;

namespace Fargo.Aws.Tests.AwsCli.Cases;

public static class IamCases
{
    public static IEnumerable<CliCase> All()
    {
        // As `fargo verify` asks: a grant's actions on its resources, with the context its condition needs. The CLI pages by
        // itself (--max-items, --starting-token), so MaxItems and Marker are PaginationTests' to check.
        yield return new CliCase<SimulatePrincipalPolicyRequest, SimulatePrincipalPolicyResponse>(
            AwsServices.Iam, "iam", "SimulatePrincipalPolicy",
            new SimulatePrincipalPolicyRequest
            {
                PolicySourceArn = "arn:aws:iam::123456789012:role/todo-api-prod-deploy",
                ActionNames = ["ecs:TagResource", "ecs:RegisterTaskDefinition"],
                ResourceArns = ["arn:aws:ecs:us-east-1:123456789012:task-definition/todo-api:*"],
                ContextEntries =
                [
                    new ContextEntry { ContextKeyName = "ecs:CreateAction", ContextKeyValues = ["RegisterTaskDefinition"], ContextKeyType = ContextKeyType.String },
                    new ContextEntry { ContextKeyName = "aws:TagKeys", ContextKeyValues = ["fargo:service", "fargo:version"], ContextKeyType = ContextKeyType.StringList },
                ],
            },
            IamJsonContext.Default.SimulatePrincipalPolicyRequest, IamJsonContext.Default.SimulatePrincipalPolicyResponse,
            (http, r, ct) => new IamClient(http).SimulatePrincipalPolicyAsync(r, ct),
            Canned.Query(AwsServices.Iam, "SimulatePrincipalPolicy", """
                <IsTruncated>false</IsTruncated>
                <EvaluationResults>
                  <member>
                    <EvalActionName>ecs:TagResource</EvalActionName>
                    <EvalResourceName>arn:aws:ecs:us-east-1:123456789012:task-definition/todo-api:*</EvalResourceName>
                    <EvalDecision>allowed</EvalDecision>
                    <MatchedStatements>
                      <member>
                        <SourcePolicyId>DeployRoleDefaultPolicy</SourcePolicyId>
                        <SourcePolicyType>IAM Policy</SourcePolicyType>
                        <StartPosition><Line>1</Line><Column>1240</Column></StartPosition>
                        <EndPosition><Line>1</Line><Column>1530</Column></EndPosition>
                      </member>
                    </MatchedStatements>
                    <MissingContextValues/>
                    <PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>true</AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail>
                    <EvalDecisionDetails/>
                  </member>
                  <member>
                    <EvalActionName>ecs:RegisterTaskDefinition</EvalActionName>
                    <EvalResourceName>arn:aws:ecs:us-east-1:123456789012:task-definition/todo-api:*</EvalResourceName>
                    <EvalDecision>implicitDeny</EvalDecision>
                    <MatchedStatements/>
                    <MissingContextValues/>
                    <OrganizationsDecisionDetail><AllowedByOrganizations>true</AllowedByOrganizations></OrganizationsDecisionDetail>
                    <EvalDecisionDetails>
                      <entry><key>ecs:RegisterTaskDefinition</key><value>implicitDeny</value></entry>
                    </EvalDecisionDetails>
                    <ResourceSpecificResults>
                      <member>
                        <EvalResourceName>arn:aws:ecs:us-east-1:123456789012:task-definition/todo-api:*</EvalResourceName>
                        <EvalResourceDecision>implicitDeny</EvalResourceDecision>
                        <MatchedStatements/>
                        <MissingContextValues/>
                      </member>
                    </ResourceSpecificResults>
                  </member>
                </EvaluationResults>
                """));
    }
}
