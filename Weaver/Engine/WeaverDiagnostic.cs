using System;
using Mono.Cecil.Cil;

namespace Stm.Weaving;

/// <summary>How bad a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>One message of the weaver, with the source location it is about when known.</summary>
public sealed class WeaverDiagnostic
{
    public WeaverDiagnostic(DiagnosticSeverity severity, string code, string message, SequencePoint? location = null)
    {
        Severity = severity;
        Code = code;
        Message = message;
        Location = location;
    }

    public DiagnosticSeverity Severity { get; }

    /// <summary>Stable id, <c>STMnnnn</c> (docs/weaver.md lists them).</summary>
    public string Code { get; }

    public string Message { get; }

    public SequencePoint? Location { get; }

    /// <summary>The MSBuild/compiler form: <c>file(line,col): warning STMnnnn: message</c>.</summary>
    public override string ToString()
    {
        string kind = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        string where = Location is { Document: { } document } point && !point.IsHidden
            ? $"{document.Url}({point.StartLine},{point.StartColumn}): "
            : "";
        return $"{where}{kind} {Code}: {Message}";
    }
}

/// <summary>Where the engine reports; the Fody add-in and the stmweave command each adapt it.</summary>
public interface IWeaverLog
{
    void Report(WeaverDiagnostic diagnostic);
}

/// <summary>A pass failed on one method (a weaver bug); <see cref="ModuleWeaving"/> turns it into STM0026.</summary>
public sealed class MethodWeavingException : Exception
{
    public MethodWeavingException(Mono.Cecil.MethodDefinition method, Exception failure)
        : base($"{failure.GetType().Name}: {failure.Message}", failure)
    {
        Method = method;
    }

    public Mono.Cecil.MethodDefinition Method { get; }
}

/// <summary>The input cannot be woven at all; nothing was written.</summary>
public sealed class WeavingRefusedException : Exception
{
    public WeavingRefusedException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
