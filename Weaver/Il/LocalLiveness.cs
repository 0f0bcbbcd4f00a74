using System;
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil.Cil;

namespace Stm.Weaving.Il;

/// <summary>
/// Which locals are live before an instruction: read on some path from it before being written
/// (a backward flow analysis over basic blocks). Exceptions are edges too: what a handler (or
/// filter) needs is live throughout its try block. A local whose address is taken is live
/// everywhere, since reads through the reference are not seen. <c>assignments</c> names
/// instructions that stand for stores not yet in the body (a placeholder for code to come).
/// </summary>
internal sealed class LocalLiveness
{
    private readonly MethodBody _body;
    private readonly Dictionary<Instruction, int> _index;
    private readonly int[] _blockOf;
    private readonly List<int> _leaders;
    private readonly ulong[][] _liveOut;
    private readonly ulong[][] _liveThroughout;
    private readonly ulong[] _addressTaken;
    private readonly int _words;
    private readonly IReadOnlyDictionary<Instruction, List<VariableDefinition>> _assignments;

    public LocalLiveness(MethodBody body, IReadOnlyDictionary<Instruction, List<VariableDefinition>>? assignments = null)
    {
        _body = body;
        _assignments = assignments ?? new Dictionary<Instruction, List<VariableDefinition>>();
        _index = BodyEditor.IndexOf(body);
        _words = (body.Variables.Count + 63) / 64;
        _addressTaken = new ulong[_words];
        foreach (var instruction in body.Instructions)
        {
            if (instruction.OpCode.Code is Code.Ldloca or Code.Ldloca_S)
                Set(_addressTaken, Variable(instruction, body).Index);
        }

        _leaders = Leaders();
        _blockOf = new int[body.Instructions.Count];
        for (int b = 0; b < _leaders.Count; b++)
        {
            int end = b + 1 < _leaders.Count ? _leaders[b + 1] : body.Instructions.Count;
            for (int i = _leaders[b]; i < end; i++)
                _blockOf[i] = b;
        }

        int count = _leaders.Count;
        var successors = new List<int>[count];
        var handlers = new List<int>[count];
        var uses = new ulong[count][];
        var defs = new ulong[count][];
        var liveIn = new ulong[count][];
        _liveOut = new ulong[count][];
        _liveThroughout = new ulong[count][];
        for (int b = 0; b < count; b++)
        {
            successors[b] = Successors(b);
            handlers[b] = ExceptionSuccessors(b);
            (uses[b], defs[b]) = UsesAndDefs(b);
            liveIn[b] = new ulong[_words];
            _liveOut[b] = new ulong[_words];
            _liveThroughout[b] = new ulong[_words];
        }

        // Round-robin in reverse order until nothing changes: loops need a few rounds.
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int b = count - 1; b >= 0; b--)
            {
                var outSet = _liveOut[b];
                foreach (int s in successors[b])
                    Union(outSet, liveIn[s]);
                var throughout = _liveThroughout[b];
                foreach (int h in handlers[b])
                    Union(throughout, liveIn[h]);
                for (int w = 0; w < _words; w++)
                {
                    ulong value = uses[b][w] | (outSet[w] & ~defs[b][w]) | throughout[w] | _addressTaken[w];
                    if (value != liveIn[b][w])
                    {
                        liveIn[b][w] = value;
                        changed = true;
                    }
                }
            }
        }
    }

    /// <summary>Whether a local may be read after control reaches <paramref name="point"/>, before it is written.</summary>
    public Func<VariableDefinition, bool> LiveBefore(Instruction point)
    {
        int at = _index[point];
        int block = _blockOf[at];
        int end = block + 1 < _leaders.Count ? _leaders[block + 1] : _body.Instructions.Count;
        var live = (ulong[])_liveOut[block].Clone();
        for (int i = end - 1; i >= at; i--)
            Step(_body.Instructions[i], live);
        for (int w = 0; w < _words; w++)
            live[w] |= _liveThroughout[block][w] | _addressTaken[w];
        return local => (live[local.Index / 64] & (1UL << (local.Index % 64))) != 0;
    }

    private List<int> Leaders()
    {
        var leaders = new SortedSet<int> { 0 };
        void Add(Instruction? instruction)
        {
            if (instruction is not null)
                leaders.Add(_index[instruction]);
        }
        foreach (var instruction in _body.Instructions)
        {
            foreach (var target in StackDepths.BranchTargets(instruction))
                Add(target);
            if (instruction.OpCode.FlowControl is not (FlowControl.Next or FlowControl.Call or FlowControl.Meta) || instruction.OpCode.Code is Code.Endfinally or Code.Endfilter)
                Add(instruction.Next);
        }
        foreach (var handler in _body.ExceptionHandlers)
        {
            Add(handler.TryStart);
            Add(handler.TryEnd);
            Add(handler.FilterStart);
            Add(handler.HandlerStart);
            Add(handler.HandlerEnd);
        }
        return leaders.ToList();
    }

    private Instruction Last(int block) =>
        _body.Instructions[(block + 1 < _leaders.Count ? _leaders[block + 1] : _body.Instructions.Count) - 1];

    private List<int> Successors(int block)
    {
        var last = Last(block);
        var successors = StackDepths.BranchTargets(last).Select(t => _blockOf[_index[t]]).ToList();
        if (StackDepths.FallsThrough(last) && last.Next is { } next)
            successors.Add(_blockOf[_index[next]]);
        if (last.OpCode.Code == Code.Endfilter)
            successors.AddRange(_body.ExceptionHandlers.Where(h => h.FilterStart is not null && Contains(h.FilterStart, h.HandlerStart, last)).Select(h => _blockOf[_index[h.HandlerStart]]));
        if (last.OpCode.Code == Code.Endfinally)
        {
            // A finally (or fault) ends where the leaves out of its try block go.
            foreach (var handler in _body.ExceptionHandlers.Where(h => Contains(h.HandlerStart, h.HandlerEnd, last)))
            {
                foreach (var leave in _body.Instructions.Where(i => i.OpCode.Code is Code.Leave or Code.Leave_S && Contains(handler.TryStart, handler.TryEnd, i)))
                {
                    var target = (Instruction)leave.Operand;
                    if (!Contains(handler.TryStart, handler.TryEnd, target))
                        successors.Add(_blockOf[_index[target]]);
                }
            }
        }
        return successors;
    }

    private List<int> ExceptionSuccessors(int block)
    {
        var first = _body.Instructions[_leaders[block]];
        var handlers = new List<int>();
        foreach (var handler in _body.ExceptionHandlers.Where(h => Contains(h.TryStart, h.TryEnd, first)))
        {
            handlers.Add(_blockOf[_index[handler.HandlerStart]]);
            if (handler.FilterStart is { } filter)
                handlers.Add(_blockOf[_index[filter]]);
        }
        return handlers;
    }

    private bool Contains(Instruction start, Instruction? end, Instruction instruction)
    {
        int at = _index[instruction];
        return at >= _index[start] && (end is null || at < _index[end]);
    }

    private (ulong[] Uses, ulong[] Defs) UsesAndDefs(int block)
    {
        var uses = new ulong[_words];
        var defs = new ulong[_words];
        int end = block + 1 < _leaders.Count ? _leaders[block + 1] : _body.Instructions.Count;
        for (int i = end - 1; i >= _leaders[block]; i--)
        {
            var instruction = _body.Instructions[i];
            Step(instruction, uses);
            if (Defined(instruction) is { } defined)
                Set(defs, defined.Index);
            if (_assignments.TryGetValue(instruction, out var assigned))
                assigned.ForEach(local => Set(defs, local.Index));
        }
        return (uses, defs);
    }

    /// <summary>Turns liveness after <paramref name="instruction"/> into liveness before it.</summary>
    private void Step(Instruction instruction, ulong[] live)
    {
        if (_assignments.TryGetValue(instruction, out var assigned))
            assigned.ForEach(local => live[local.Index / 64] &= ~(1UL << (local.Index % 64)));
        if (Defined(instruction) is { } defined)
            live[defined.Index / 64] &= ~(1UL << (defined.Index % 64));
        else if (instruction.OpCode.Code is Code.Ldloc or Code.Ldloc_S or Code.Ldloc_0 or Code.Ldloc_1 or Code.Ldloc_2 or Code.Ldloc_3)
            Set(live, Variable(instruction, _body).Index);
    }

    private VariableDefinition? Defined(Instruction instruction) =>
        instruction.OpCode.Code is Code.Stloc or Code.Stloc_S or Code.Stloc_0 or Code.Stloc_1 or Code.Stloc_2 or Code.Stloc_3
            ? Variable(instruction, _body)
            : null;

    private static VariableDefinition Variable(Instruction instruction, MethodBody body) => instruction.OpCode.Code switch
    {
        Code.Ldloc_0 or Code.Stloc_0 => body.Variables[0],
        Code.Ldloc_1 or Code.Stloc_1 => body.Variables[1],
        Code.Ldloc_2 or Code.Stloc_2 => body.Variables[2],
        Code.Ldloc_3 or Code.Stloc_3 => body.Variables[3],
        _ => (VariableDefinition)instruction.Operand,
    };

    private static void Set(ulong[] set, int index) => set[index / 64] |= 1UL << (index % 64);

    private static void Union(ulong[] into, ulong[] from)
    {
        for (int w = 0; w < into.Length; w++)
            into[w] |= from[w];
    }
}
