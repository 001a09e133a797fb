using Fargo.Benchmarks;

// fargo's benchmarks. `lb`: the local load balancer against a target straight and against nginx.
return args switch
{
    ["lb", .. var rest] => await LoadBalancerBenchmark.RunAsync(BenchmarkSettings.Parse(rest)),
    ["backend"] => await Backend.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project benchmarks/Fargo.Benchmarks -- lb [--duration SECONDS] [--connections N] [--requests N] [--runs N]

          lb   two backends; the local load balancer in front of them; nginx (if installed) proxying the same
               backends. Drives a bounded load with wrk (if installed, else a built-in HttpClient loop) and prints
               requests/second and p50/p99 latency straight to one backend, through the local load balancer and
               through nginx: the median of N runs (default 3) per path, the paths taking turns, the spread,
               the ratios, and the load balancer's added latency against the direct connection.
        """);
    return 2;
}
