using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Fargo.Benchmarks;

/// <summary>A target of its own process: Kestrel on 127.0.0.1 and a free port, answering every request with a small body. Prints its port.</summary>
public static class Backend
{
    private static readonly byte[] Body = "hello from a fargo benchmark backend\n"u8.ToArray();

    public static async Task<int> RunAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = Body.Length;
            return context.Response.Body.WriteAsync(Body, context.RequestAborted).AsTask();
        });
        await app.StartAsync();
        Console.WriteLine(new Uri(app.Urls.First()).Port);
        await Console.Out.FlushAsync();

        // Runs until the benchmark closes our stdin.
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }
}
