using System;
using System.Linq;

namespace Stm.Weaving;

/// <summary>
/// One row of the call table: calls to <see cref="Method"/> (<c>*</c>: every method) of the type
/// <see cref="Type"/> (full name without generic arity or arguments, nested types as
/// <c>Outer/Inner</c>) are treated as <see cref="Kind"/>. Users add rows as
/// <c>Type::Method=kind</c> (stmweave <c>--call</c>, <c>Calls</c> in FodyWeavers.xml); theirs win
/// over the shipped table.
/// </summary>
public sealed class CallRule
{
    public CallRule(string type, string method, CallKind kind)
    {
        Type = type;
        Method = method;
        Kind = kind;
    }

    public string Type { get; }

    public string Method { get; }

    public CallKind Kind { get; }

    /// <summary>The kinds a user may give a call; the others are the weaver's own.</summary>
    private static readonly CallKind[] UserKinds = [CallKind.Pure, CallKind.CallsBack, CallKind.Blocking, CallKind.Foreign, CallKind.ObjectRead, CallKind.ObjectWrite];

    /// <summary>Parses <c>Type::Method=kind</c>; the message of the exception says what is wrong.</summary>
    public static CallRule Parse(string text)
    {
        int separator = text.IndexOf("::", StringComparison.Ordinal);
        int equals = text.LastIndexOf('=');
        if (separator <= 0 || equals < separator + 2)
            throw new FormatException($"'{text}' is not Type::Method=kind (for example MyApp.Log::Write=pure, MyApp.Cache::*=foreign).");
        string type = text.Substring(0, separator).Trim();
        string method = text.Substring(separator + 2, equals - separator - 2).Trim();
        string kindText = text.Substring(equals + 1).Trim();
        if (type.Length == 0 || method.Length == 0)
            throw new FormatException($"'{text}' names no type or no method.");
        if (!Enum.TryParse(kindText.Replace("-", ""), ignoreCase: true, out CallKind kind) || Array.IndexOf(UserKinds, kind) < 0)
            throw new FormatException($"'{text}': the kind must be pure, calls-back, blocking, foreign, object-read or object-write, not '{kindText}'.");
        return new CallRule(type, method, kind);
    }

    /// <summary>As <see cref="Parse"/> reads it.</summary>
    public override string ToString() => $"{Type}::{Method}={KindName(Kind)}";

    /// <summary>A kind as rules spell it: <c>calls-back</c>, <c>object-read</c>.</summary>
    public static string KindName(CallKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
