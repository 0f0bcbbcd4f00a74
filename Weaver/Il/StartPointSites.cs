using System.Collections.Generic;
using System.Linq;
using Mono.Cecil.Cil;

namespace Stm.Weaving.Il;

/// <summary>
/// Where a start point may go: a point a restart can return to with nothing but the frame's
/// locals restored from their shadows. Not with values on the evaluation stack, not inside a
/// catch/finally/filter (IL cannot jump into one), not while an interpolated string's handler is
/// open (<see cref="OpenStringHandlers"/>), and not while a <c>ref</c> local is live: it holds an
/// address the frame opened for write in the transaction before, and writes through it (a
/// <c>ref</c> local, or the temporary the compiler makes of <c>ref a[i]</c> in
/// <c>Interlocked.CompareExchange(ref a[i], v, F() switch { … })</c>) would not be undone by an abort
/// of the transaction after it. Elsewhere the frame is pinned instead.
/// </summary>
internal sealed class StartPointSites
{
    private readonly Dictionary<Instruction, int> _depths;
    private readonly HashSet<Instruction> _inHandler;
    private readonly OpenStringHandlers _stringHandlers;
    private readonly List<VariableDefinition> _refLocals;
    private readonly LocalLiveness? _liveness;

    public StartPointSites(MethodBody body, Dictionary<Instruction, int> depths)
    {
        _depths = depths;
        _inHandler = BodyEditor.HandlerInstructions(body);
        _stringHandlers = new OpenStringHandlers(body);
        _refLocals = body.Variables.Where(v => v.VariableType.IsByReference).ToList();
        _liveness = _refLocals.Count == 0 ? null : new LocalLiveness(body);
    }

    /// <summary>Whether a start point may follow <paramref name="call"/> (at its return site).</summary>
    public bool AfterCall(Instruction call) =>
        _depths.TryGetValue(call, out int depth) && depth - StackDepths.ArgumentCount(call) == 0 &&
        !_inHandler.Contains(call) && !_stringHandlers.OpenAfter(call) && !HoldsAddress(call.Next);

    /// <summary>Whether a commit point (and with it a start point) may go at the loop head <paramref name="head"/>.</summary>
    public bool AtLoopHead(Instruction head) =>
        _depths.TryGetValue(head, out int depth) && depth == 0 &&
        !_inHandler.Contains(head) && !_stringHandlers.OpenBefore(head) && !HoldsAddress(head);

    private bool HoldsAddress(Instruction point)
    {
        if (_liveness is null)
            return false;
        var live = _liveness.LiveBefore(point);
        return _refLocals.Any(live);
    }
}
