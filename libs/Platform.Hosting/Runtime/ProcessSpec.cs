namespace Platform.Hosting.Runtime;

/// <summary>How to start one operating-system process of a resource.</summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Environment">Variables added to the AppHost's own; an empty value removes the variable.</param>
/// <param name="WorkingDirectory">Where it starts.</param>
/// <param name="LogFile">Where its stdout and stderr are appended.</param>
/// <param name="RunAsUser">A system user to run as (postgres, rabbitmq), or null for the AppHost's user.</param>
/// <param name="ListensOn">A port the process opens; the next process of the instance starts only once it accepts.</param>
/// <param name="StopSignal">The signal that asks the process to stop (Postgres stops fast on SIGINT, politely on SIGTERM).</param>
internal sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    string LogFile,
    string? RunAsUser = null,
    int? ListensOn = null,
    int StopSignal = ProcessSignals.SigTerm);
