namespace Stm.Fuzz.Generation;

/// <summary>A generated program: its source, and whether it is compiled optimized (Release) or not (Debug).</summary>
internal sealed record GeneratedProgram(string Source, bool Optimize);
