using Fargo.Aws.Ecs;

namespace Fargo.Local.Tests.Support;

/// <summary>
/// The small HTTP service the tests deploy: a Python script that listens on 127.0.0.1:$PORT and answers every
/// GET with its pid, VERSION, the SECRET it got and its port; GET /burn?ms=N first spins the CPU for N ms (a
/// CPU-bound request). MODE=exit makes it exit at once with code 3 (a broken release); it logs "listening on PORT"
/// and one line per request.
/// </summary>
public static class TestService
{
    public const string Script = """
        import http.server, json, os, sys, time
        port = int(os.environ["PORT"])
        if os.environ.get("MODE") == "exit":
            print("exiting at once", flush=True)
            sys.exit(3)
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path.startswith("/burn"):
                    end = time.monotonic() + float(self.path.partition("ms=")[2] or "100") / 1000
                    while time.monotonic() < end:
                        pass
                body = json.dumps({"pid": os.getpid(), "version": os.environ.get("VERSION", ""),
                                   "secret": os.environ.get("SECRET", ""), "port": port}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, format, *args):
                print("request " + self.path, flush=True)
        print("listening on %d" % port, flush=True)
        http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
        """;

    /// <summary>
    /// The health check: a GET of /health on the task's own port that must answer 200. Done with bash's
    /// /dev/tcp rather than a Python client, so that a probe costs milliseconds even on a busy machine.
    /// </summary>
    public const string HealthCommand =
        "bash -c 'exec 3<>/dev/tcp/127.0.0.1/$PORT && printf \"GET /health HTTP/1.0\\r\\n\\r\\n\" >&3 && head -c 12 <&3 | grep -q \" 200\"'";

    /// <summary>Writes the service's files into a folder (the image's content).</summary>
    public static string WriteArtifact(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "server.py"), Script);
        return directory;
    }

    /// <summary>A Fargate task definition for the service, as `fargo render taskdef` would shape one.</summary>
    public static RegisterTaskDefinitionRequest TaskDefinition(
        string family,
        string image,
        string version,
        string logGroup,
        bool exitAtOnce = false,
        string? secretParameter = null)
    {
        var environment = new List<Fargo.Aws.Ecs.KeyValuePair> { new() { Name = "VERSION", Value = version } };
        if (exitAtOnce)
        {
            environment.Add(new() { Name = "MODE", Value = "exit" });
        }

        return new RegisterTaskDefinitionRequest
        {
            Family = family,
            NetworkMode = NetworkMode.Awsvpc,
            RequiresCompatibilities = [Compatibility.Fargate],
            Cpu = "256",
            Memory = "512",
            ExecutionRoleArn = "arn:aws:iam::000000000000:role/" + family + "-execution",
            ContainerDefinitions =
            [
                new ContainerDefinition
                {
                    Name = "web",
                    Image = image,
                    Essential = true,
                    Command = ["python3", "server.py"],
                    PortMappings = [new PortMapping { ContainerPort = 8080, Protocol = TransportProtocol.Tcp }],
                    Environment = environment,
                    Secrets = secretParameter is null ? null : [new Secret { Name = "SECRET", ValueFrom = secretParameter }],
                    StopTimeout = 10,
                    HealthCheck = new HealthCheck { Command = ["CMD-SHELL", HealthCommand], Interval = 5, Timeout = 10, Retries = 3 },
                    LogConfiguration = new LogConfiguration
                    {
                        LogDriver = LogDriver.Awslogs,
                        Options = new Dictionary<string, string>
                        {
                            ["awslogs-group"] = logGroup,
                            ["awslogs-region"] = "local",
                            ["awslogs-stream-prefix"] = family,
                            ["awslogs-create-group"] = "true",
                        },
                    },
                },
            ],
        };
    }
}
