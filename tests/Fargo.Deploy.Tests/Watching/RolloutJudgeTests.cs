using Fargo.Aws.Ecs;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Tests.Watching;

/// <summary>Decisions of the judge that the recorded rollouts do not show.</summary>
public sealed class RolloutJudgeTests
{
    private const string Revision = "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:9";
    private static readonly DateTimeOffset Start = new(2024, 11, 21, 15, 0, 0, TimeSpan.Zero);

    private static Service InProgress(string deploymentId) => new()
    {
        Status = "ACTIVE",
        TaskDefinition = Revision,
        DesiredCount = 1,
        Deployments = [new Deployment { Id = deploymentId, Status = "PRIMARY", TaskDefinition = Revision, DesiredCount = 1, RolloutState = DeploymentRolloutState.InProgress }],
    };

    [Fact]
    public void Tasks_that_stopped_before_the_rollout_began_are_not_its_failures()
    {
        var goal = new RolloutGoal(Revision, "ecs-svc/9", Start, TimeSpan.FromMinutes(15));
        EcsTask Stopped(string id, DateTimeOffset at) => new()
        {
            TaskArn = "arn:aws:ecs:us-east-1:111111111111:task/fargo-qa/" + id,
            TaskDefinitionArn = Revision,
            StartedBy = "ecs-svc/9",
            LastStatus = "STOPPED",
            DesiredStatus = "STOPPED",
            StoppingAt = at,
            StoppedAt = at.AddSeconds(5),
            StopCode = TaskStopCode.EssentialContainerExited,
            StoppedReason = "Essential container in task exited",
        };

        var state = RolloutJudge.Observe(
            RolloutJudge.Start(goal),
            new ServiceSnapshot(Start.AddSeconds(30), InProgress("ecs-svc/9"), [Stopped("old", Start.AddMinutes(-20)), Stopped("new", Start.AddSeconds(20))], []));

        Assert.Equal(["new"], state.Tasks.Select(t => t.TaskId));
        Assert.Equal(["arn:aws:ecs:us-east-1:111111111111:task/fargo-qa/new"], state.StoppedTasks.Keys);
    }

    [Fact]
    public void A_deployment_replaced_by_someone_elses_is_superseded_not_successful()
    {
        var goal = new RolloutGoal(Revision, "ecs-svc/9", Start, TimeSpan.FromMinutes(15));
        var other = "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:10";
        var service = InProgress("ecs-svc/10") with
        {
            TaskDefinition = other,
            Deployments = [new Deployment { Id = "ecs-svc/10", Status = "PRIMARY", TaskDefinition = other, DesiredCount = 1, RunningCount = 1, RolloutState = DeploymentRolloutState.Completed }],
            RunningCount = 1,
        };

        var state = RolloutJudge.Observe(RolloutJudge.Start(goal), new ServiceSnapshot(Start.AddSeconds(30), service, [], []));

        Assert.Equal(RolloutOutcome.Superseded, state.Verdict.Outcome);
        Assert.Equal("another deployment (revision 10) replaced the rollout of revision 9 before it finished", state.Verdict.Summary);
    }

    [Fact]
    public void A_deleted_service_ends_the_watch()
    {
        var goal = new RolloutGoal(Revision, "ecs-svc/9", Start, TimeSpan.FromMinutes(15));

        var state = RolloutJudge.Observe(RolloutJudge.Start(goal), new ServiceSnapshot(Start.AddSeconds(5), InProgress("ecs-svc/9") with { Status = "DRAINING" }, [], []));

        Assert.Equal(RolloutOutcome.ServiceUnavailable, state.Verdict.Outcome);
    }

    [Fact]
    public void Zero_of_zero_tasks_is_a_failure_when_the_configuration_wants_tasks_running()
    {
        var goal = new RolloutGoal(Revision, "ecs-svc/9", Start, TimeSpan.FromMinutes(15), WantedRunning: 2);
        var empty = InProgress("ecs-svc/9") with
        {
            DesiredCount = 0,
            RunningCount = 0,
            Deployments = [new Deployment { Id = "ecs-svc/9", Status = "PRIMARY", TaskDefinition = Revision, DesiredCount = 0, RunningCount = 0, RolloutState = DeploymentRolloutState.Completed }],
        };

        var wanted = RolloutJudge.Observe(RolloutJudge.Start(goal), new ServiceSnapshot(Start.AddSeconds(5), empty, [], []));
        var scaledToZero = RolloutJudge.Observe(RolloutJudge.Start(goal with { WantedRunning = 0 }), new ServiceSnapshot(Start.AddSeconds(5), empty, [], []));

        Assert.Equal(RolloutOutcome.Failed, wanted.Verdict.Outcome);
        Assert.Equal("revision 9 settled with 0 of 0 tasks running, but the configuration wants 2: the service's desired count is 0", wanted.Verdict.Summary);
        Assert.Equal(RolloutOutcome.Succeeded, scaledToZero.Verdict.Outcome);
    }

    [Fact]
    public void Completed_is_not_enough_while_fewer_tasks_run_than_the_service_wants()
    {
        var goal = new RolloutGoal(Revision, "ecs-svc/9", Start, TimeSpan.FromMinutes(15));
        var scaling = InProgress("ecs-svc/9") with
        {
            DesiredCount = 3,
            RunningCount = 2,
            Deployments = [new Deployment { Id = "ecs-svc/9", Status = "PRIMARY", TaskDefinition = Revision, DesiredCount = 3, RunningCount = 2, RolloutState = DeploymentRolloutState.Completed }],
        };

        var state = RolloutJudge.Observe(RolloutJudge.Start(goal), new ServiceSnapshot(Start.AddSeconds(5), scaling, [], []));
        var later = RolloutJudge.Observe(state, new ServiceSnapshot(Start.AddSeconds(10), scaling with
        {
            RunningCount = 3,
            Deployments = [scaling.Deployments[0] with { RunningCount = 3 }],
        }, [], []));

        Assert.Equal(RolloutOutcome.InProgress, state.Verdict.Outcome);
        Assert.Equal(RolloutOutcome.Succeeded, later.Verdict.Outcome);
    }
}
