namespace SmartGrid.Cli;

/// <summary>Process exit codes of the <c>smartgrid</c> command.</summary>
public static class ExitCodes
{
    /// <summary>Success; for <c>audit</c>, no defect found.</summary>
    public const int Ok = 0;

    /// <summary>The audit found defects.</summary>
    public const int DefectsFound = 1;

    /// <summary>Bad input: missing data folder, unreadable key, invalid option value.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped by Ctrl+C or SIGTERM before the work was done (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
