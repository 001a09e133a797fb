using Fargo.Benchmarks;

// fargo's benchmarks. `lb`: the local load balancer against a target straight and against nginx. `cli`: fargo's start.
return args switch
{
    ["lb", .. var rest] => await LoadBalancerBenchmark.RunAsync(BenchmarkSettings.Parse(rest)),
    ["cli", .. var rest] => await CliBenchmark.RunAsync(rest),
    ["backend"] => await Backend.RunAsync(),
    ["hello"] => CliBenchmark.Hello(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project benchmarks/Fargo.Benchmarks -- lb [--duration SECONDS] [--connections N] [--requests N] [--runs N]
               dotnet run -c Release --project benchmarks/Fargo.Benchmarks -- cli [--fargo PATH] [--runs N] [--home FARGO_HOME] [--example DIR]

          lb   two backends; the local load balancer in front of them; nginx (if installed) proxying the same
               backends. Drives a bounded load with wrk (if installed, else a built-in HttpClient loop) and prints
               requests/second and p50/p99 latency straight to one backend, through the local load balancer and
               through nginx: the median of N runs (default 3) per path, the paths taking turns, the spread,
               the ratios, and the load balancer's added latency against the direct connection.

          cli  wall time of `fargo --version`, `fargo validate` and `fargo status` (local region engine running), run
               in examples/todo-api, against a bare .NET hello world, in one run: medians, spread, ratios. fargo is the
               installed tool (PATH or ~/.dotnet/tools) unless --fargo names one.
        """);
    return 2;
}
