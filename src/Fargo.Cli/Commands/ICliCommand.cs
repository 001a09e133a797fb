using System.CommandLine;

namespace Fargo.Cli.Commands;

/// <summary>
/// A top-level command or command group of `fargo` (init, validate, render, and later local, deploy, infra…).
/// To add one: write a class implementing this in Commands/, build its System.CommandLine command (with
/// subcommands if it is a group), give each runnable command its body with
/// <see cref="CommandServices.SetAction(Command, Func{CommandContext, CancellationToken, Task{int}})"/>, and
/// list the class in <see cref="CommandCatalog"/>. Global options, output format, error reporting, exit codes
/// and Ctrl-C come with SetAction; a command body only does its work and throws typed exceptions.
/// </summary>
internal interface ICliCommand
{
    Command Create(CommandServices services);
}
