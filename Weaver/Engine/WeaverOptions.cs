namespace Stm.Weaving;

/// <summary>Options of one weaving run; they are recorded in the woven assembly's marker.</summary>
public sealed class WeaverOptions
{
    /// <summary>The engine's version, recorded in the marker attribute.</summary>
    public static string WeaverVersion => typeof(WeaverOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Only full mode exists so far: every thread running woven code is always in a transaction.</summary>
    public string Mode { get; set; } = "full";

    /// <summary>The options as the marker attribute records them.</summary>
    public string Describe() => $"mode={Mode}";
}
