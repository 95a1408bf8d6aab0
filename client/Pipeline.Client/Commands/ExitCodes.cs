namespace Pipeline.Client.Commands;

/// <summary>Process exit codes of the command line, documented in the README.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The run failed while computing or writing; _status.json says why; nothing was published.</summary>
    public const int RunFailed = 1;
    /// <summary>Bad arguments or settings, or an input that cannot be read at all.</summary>
    public const int BadInput = 2;
    /// <summary>The run id exists already and --replace was not given.</summary>
    public const int RunExists = 3;
    /// <summary>The run was interrupted (Ctrl+C, SIGINT or SIGTERM); _status.json says so; nothing was published.</summary>
    public const int Cancelled = 130;
}
