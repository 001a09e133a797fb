// The local region runs tasks as POSIX process groups (setsid, kill, /proc): its tests run on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
