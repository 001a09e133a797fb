using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing;
using Fargo.Local.LoadBalancing.Model;
using Fargo.Local.LoadBalancing.TargetGroups;

namespace Fargo.Benchmarks;

/// <summary>
/// Two backends (processes of their own), the local load balancer in front of them (in this process, as in the
/// engine), nginx proxying the same backends, and one bounded load per path: straight to one backend, through
/// the local load balancer, through nginx.
/// </summary>
public static class LoadBalancerBenchmark
{
    public static async Task<int> RunAsync(BenchmarkSettings settings)
    {
        var root = Directory.CreateTempSubdirectory("fargo-bench-");
        var processes = new List<Process>();
        try
        {
            ILoadDriver driver = WrkDriver.Find() is { } wrk ? new WrkDriver(wrk) : new HttpClientDriver();
            if (driver is HttpClientDriver)
            {
                Console.WriteLine("wrk is not installed (Debian: apt-get install -y wrk); using the built-in HttpClient loop, which measures less precisely.");
            }

            var backends = new List<int>();
            for (var i = 0; i < 2; i++)
            {
                var (process, port) = await StartBackendAsync();
                processes.Add(process);
                backends.Add(port);
            }

            using var store = new SqliteLoadBalancerStore(Path.Combine(root.FullName, "state.db"));
            await using var elb = new ElbControlPlane(store, new LoadBalancerOptions { CertificateDirectory = Path.Combine(root.FullName, "elb"), TimeScale = 0.1 });
            await elb.StartAsync(CancellationToken.None);
            var (lbPort, fixedPort) = await SetUpLoadBalancerAsync(elb, backends);

            var self = ProcessCpu.Of(Environment.ProcessId);
            var paths = new List<(string Name, Uri Url, Func<TimeSpan> ProxyCpu)>
            {
                (Direct, new Uri($"http://127.0.0.1:{backends[0]}/"), () => TimeSpan.Zero),
                (LocalLoadBalancer, new Uri($"http://127.0.0.1:{lbPort}/"), self),
            };
            if (FindNginx() is { } nginx)
            {
                var (process, port) = await StartNginxAsync(nginx, root.FullName, backends);
                processes.Add(process);
                paths.Add((Nginx, new Uri($"http://127.0.0.1:{port}/"), ProcessCpu.OfTree(process.Id)));
            }
            else
            {
                Console.WriteLine("nginx is not installed (Debian: apt-get install -y nginx); the nginx row is skipped.");
            }

            paths.Add((FixedResponse, new Uri($"http://127.0.0.1:{fixedPort}/"), self));
            Console.WriteLine($"Load: {driver.Description}, {settings.Connections} connections, {settings.Runs} runs of {settings.Duration.TotalSeconds:0} s per path, the paths taking turns, after {settings.Warmup.TotalSeconds:0} s of warm-up each (at most {settings.MaxRequests} requests a run); {Environment.ProcessorCount} cores, {RuntimeVersion()}.");
            Console.WriteLine($"Cores: not pinned. wrk ({driver.Description}), the proxy under test and the two backends share all {Environment.ProcessorCount} cores, the same for every path; nginx runs worker_processes auto ({Environment.ProcessorCount} workers), the local load balancer runs in this process on .NET's thread pool ({Environment.ProcessorCount} cores).");
            Console.WriteLine($"Load average before: {Figures.LoadAverage()}");
            foreach (var (_, url, _) in paths)
            {
                await driver.RunAsync(url, settings, settings.Warmup);
            }

            var results = paths.ToDictionary(p => p.Name, _ => new List<LoadResult>());
            for (var run = 0; run < settings.Runs; run++)
            {
                foreach (var (name, url, proxyCpu) in paths)
                {
                    var cpuBefore = proxyCpu();
                    var result = await driver.RunAsync(url, settings, settings.Duration);
                    results[name].Add(result with { ProxyCpuMicrosecondsPerRequest = (proxyCpu() - cpuBefore).TotalMicroseconds / Math.Max(1, result.Requests) });
                }
            }

            Console.WriteLine($"Load average after: {Figures.LoadAverage()}");
            Print(paths.Select(p => (p.Name, (IReadOnlyList<LoadResult>)results[p.Name])).ToList());
            Console.WriteLine("(LB fixed-response: a listener of the local load balancer answering by itself, no target: its own share of the cost.");
            Console.WriteLine(" proxy CPU: CPU time the proxy used per request, user + system: nginx's master and workers, or this process for the local load balancer.)");
            return 0;
        }
        finally
        {
            foreach (var process in processes)
            {
                Stop(process);
            }

            root.Delete(recursive: true);
        }
    }

    private const string Direct = "direct (one backend)";
    private const string LocalLoadBalancer = "local load balancer";
    private const string Nginx = "nginx";
    private const string FixedResponse = "LB fixed-response";

    /// <summary>Per path the median of the runs (and the spread of requests/s); the ratios are medians of the per-run ratios.</summary>
    private static void Print(List<(string Name, IReadOnlyList<LoadResult> Runs)> paths)
    {
        Console.WriteLine();
        Console.WriteLine($"{"path",-22} {"requests/s",11} {"spread",15} {"p50 ms",8} {"p99 ms",8} {"proxy CPU",10} {"requests",10} {"errors",7}");
        foreach (var (name, runs) in paths)
        {
            var rates = runs.Select(r => r.RequestsPerSecond).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-22} {Figures.Median(rates),11:0} {$"{rates.Min():0}-{rates.Max():0}",15} {Figures.Median(runs.Select(r => r.P50Milliseconds)),8:0.000} {Figures.Median(runs.Select(r => r.P99Milliseconds)),8:0.000} {$"{Figures.Median(runs.Select(r => r.ProxyCpuMicrosecondsPerRequest)):0.0} us",10} {runs.Sum(r => r.Requests),10} {runs.Sum(r => r.Errors),7}"));
        }

        IReadOnlyList<LoadResult> Of(string name) => paths.Find(p => p.Name == name).Runs;
        var lb = Of(LocalLoadBalancer);
        var direct = Of(Direct);
        Console.WriteLine();
        Console.WriteLine(Ratio("LB / direct", lb, direct));
        if (paths.Exists(p => p.Name == Nginx))
        {
            Console.WriteLine(Ratio("LB / nginx", lb, Of(Nginx)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"LB added latency per request against a direct connection: p50 {Figures.Median(lb.Zip(direct, (a, b) => a.P50Milliseconds - b.P50Milliseconds)):+0.000;-0.000} ms, p99 {Figures.Median(lb.Zip(direct, (a, b) => a.P99Milliseconds - b.P99Milliseconds)):+0.000;-0.000} ms (median over runs)."));
    }

    private static string Ratio(string label, IReadOnlyList<LoadResult> a, IReadOnlyList<LoadResult> b)
    {
        var rates = a.Zip(b, (x, y) => x.RequestsPerSecond / y.RequestsPerSecond).ToList();
        var p99 = a.Zip(b, (x, y) => x.P99Milliseconds / y.P99Milliseconds).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{label,-20} requests/s {Figures.Median(rates):0.00}x ({rates.Min():0.00}-{rates.Max():0.00}), p50 {Figures.Median(a.Zip(b, (x, y) => x.P50Milliseconds / y.P50Milliseconds)):0.00}x, p99 {Figures.Median(p99):0.00}x ({p99.Min():0.00}-{p99.Max():0.00})");
    }


    private static async Task<(int Forwarding, int FixedResponse)> SetUpLoadBalancerAsync(ElbControlPlane elb, List<int> backends)
    {
        var balancer = elb.CreateLoadBalancer(new CreateLoadBalancerRequest { Name = "bench" }).LoadBalancers![0].LoadBalancerArn!;
        var group = elb.CreateTargetGroup(new CreateTargetGroupRequest
        {
            Name = "bench",
            Protocol = ProtocolName.Http,
            Port = 80,
            TargetType = TargetType.Ip,
            HealthCheckIntervalSeconds = 5,
            HealthCheckTimeoutSeconds = 2,
            HealthyThresholdCount = 2,
        }).TargetGroups![0].TargetGroupArn!;
        var listener = (await elb.CreateListenerAsync(new CreateListenerRequest
        {
            LoadBalancerArn = balancer,
            Protocol = ProtocolName.Http,
            Port = 0,
            DefaultActions = [new ListenerAction { Type = ActionType.Forward, TargetGroupArn = group }],
        })).Listeners![0];
        var targets = backends.Select(p => new TargetEndpoint("127.0.0.1", p)).ToList();
        elb.RegisterTargets(group, targets);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!targets.TrueForAll(t => elb.GetTargetHealth(group, t).State == TargetHealthState.Healthy))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new InvalidOperationException("the backends did not turn healthy behind the local load balancer");
            }

            await Task.Delay(100);
        }

        var fixedResponse = (await elb.CreateListenerAsync(new CreateListenerRequest
        {
            LoadBalancerArn = balancer,
            Protocol = ProtocolName.Http,
            Port = 0,
            DefaultActions = [new ListenerAction { Type = ActionType.FixedResponse, FixedResponseConfig = new FixedResponseActionConfig { StatusCode = "200", ContentType = "text/plain", MessageBody = "hello from the load balancer itself\n" } }],
        })).Listeners![0];
        return (listener.Port!.Value, fixedResponse.Port!.Value);
    }

    private static async Task<(Process Process, int Port)> StartBackendAsync()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Backend).Assembly.Location);
        }

        start.ArgumentList.Add("backend");

        // The backends stay the same whatever runtime settings the load balancer is measured with.
        start.Environment.Remove("DOTNET_gcServer");
        start.Environment.Remove("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS");
        var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("a backend did not start");
        return (process, int.Parse(line, CultureInfo.InvariantCulture));
    }

    private static readonly string[] NginxLocations = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"];
    private static readonly string[] NginxTempFolders = ["body", "proxy", "fastcgi", "uwsgi", "scgi"];

    private static string? FindNginx() => NginxLocations.FirstOrDefault(File.Exists);

    /// <summary>nginx as a reverse proxy tuned the usual way: a worker per core, keep-alive connections to the upstreams, no access log.</summary>
    private static async Task<(Process Process, int Port)> StartNginxAsync(string nginx, string root, List<int> backends)
    {
        var directory = Path.Combine(root, "nginx");
        Directory.CreateDirectory(directory);
        foreach (var temp in NginxTempFolders)
        {
            Directory.CreateDirectory(Path.Combine(directory, temp));
        }

        var port = FreePort();
        var runAsRoot = Environment.UserName == "root" ? "user root;\n" : "";
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            {{runAsRoot}}worker_processes auto;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              client_body_temp_path {{directory}}/body;
              proxy_temp_path {{directory}}/proxy;
              fastcgi_temp_path {{directory}}/fastcgi;
              uwsgi_temp_path {{directory}}/uwsgi;
              scgi_temp_path {{directory}}/scgi;
              upstream backends {
                {{string.Join("\n    ", backends.Select(p => $"server 127.0.0.1:{p};"))}}
                keepalive 64;
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://backends;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                }
              }
            }
            """);
        var start = new ProcessStartInfo(nginx) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "-p", directory, "-c", Path.Combine(directory, "nginx.conf"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (!await AcceptsAsync(port))
        {
            if (process.HasExited || DateTimeOffset.UtcNow > deadline)
            {
                throw new InvalidOperationException($"nginx did not start: {await process.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(100);
        }

        return (process, port);
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static string RuntimeVersion() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
}
