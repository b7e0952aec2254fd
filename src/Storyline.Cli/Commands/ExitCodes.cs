namespace Storyline.Cli.Commands;

/// <summary>Exit codes, following the BSD sysexits conventions where one fits.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The run finished but some inputs were skipped as bad.</summary>
    public const int PartialInput = 1;
    public const int Usage = 64;
    public const int DataError = 65;
    public const int NoInput = 66;
    public const int Software = 70;
    public const int CannotCreate = 73;
}
