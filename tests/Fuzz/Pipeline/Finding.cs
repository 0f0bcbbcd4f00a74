using Stm.Fuzz.Execution;

namespace Stm.Fuzz.Pipeline;

/// <summary>The kinds of finding, in the order the summary line lists them.</summary>
internal enum FindingKind
{
    /// <summary>Woven output differs from the original's (after <see cref="Oracle.Expected"/>).</summary>
    Output,

    /// <summary>A different exception escaped Main, the runner crashed, or a woven method failed to JIT.</summary>
    Exception,

    /// <summary>The woven program did not finish within its time bound.</summary>
    Hang,

    /// <summary>The JIT took far longer to compile a woven method than any of the original's (<see cref="ProgramChecker.Bounds.Jit"/>).</summary>
    Jit,

    /// <summary>The weaver threw, or refused with anything but a documented refusal.</summary>
    Weave,

    /// <summary>A generator bug: the program did not compile, or its original did not finish normally.</summary>
    Compile,
}

/// <summary>One way a program failed; <see cref="Signature"/> tells two failures of one kind apart (an exception's type).</summary>
internal sealed record Finding(FindingKind Kind, RunMode? Mode, string Signature, string Symptom)
{
    /// <summary>Whether a reduced program still fails this way.</summary>
    public bool SameAs(Finding other) => Kind == other.Kind && Mode == other.Mode && Signature == other.Signature;

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}{(Mode is null ? "" : $" ({Mode})")}: {Symptom}";
}
