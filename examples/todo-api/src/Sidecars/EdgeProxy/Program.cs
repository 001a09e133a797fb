using Yarp.ReverseProxy.Configuration;

// Every request goes on to the API's container, which the task reaches on localhost as awsvpc gives it (UPSTREAM);
// each answer carries X-Edge-Proxy, so a client can tell the proxy was in the way.
var builder = WebApplication.CreateBuilder(args);
var upstream = builder.Configuration["UPSTREAM"] ?? "http://localhost:8080";
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "everything", ClusterId = "api", Match = new RouteMatch { Path = "{**path}" } }],
    [new ClusterConfig { ClusterId = "api", Destinations = new Dictionary<string, DestinationConfig> { ["api"] = new() { Address = upstream } } }]);

var app = builder.Build();
app.Use((context, next) =>
{
    context.Response.OnStarting(() =>
    {
        context.Response.Headers["X-Edge-Proxy"] = "todo-edge";
        return Task.CompletedTask;
    });
    return next(context);
});
app.MapReverseProxy();
app.Run();
