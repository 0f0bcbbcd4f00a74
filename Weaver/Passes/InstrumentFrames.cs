using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Stm.Weaving.Il;

namespace Stm.Weaving.Passes;

/// <summary>
/// Pass 7: the restartable-transaction protocol of docs/abi.md §3–§5 in every woven method
/// that touches shared memory, calls, or loops (pure computations are left as they are, so they
/// still inline). See docs/weaver.md for a before/after example.
/// <code>
///   tx = TxDescriptor.Current; depth = tx.EnterFrame(); save shadows
///   goto try;
/// again:
///   restore shadows
/// try:
///   .try {
///     if (restarting) switch (resume) { ... }            // dispatch to the start point
///     tx.CommitPoint(depth);                              // method entry
///     ... body; loop heads: if (tx.CommitPoint(depth)) { save; resume = k; }
///         after calls:       if (tx.ResumedAt(depth))  { save; resume = k; }
///         user try blocks:   a dispatch at their first instruction
///         ret:               if (!tx.TryExitFrame(depth)) { tx.RestartAt(depth); restarting = true; leave again; } leave exit
///   } filter (TxDescriptor.Catches(ex, tx, depth))
///   { if (TxDescriptor.Restarts(ex, tx, depth)) { restarting = true; leave again; }
///     if (TxDescriptor.HasStackToRethrow(depth)) rethrow; leave rethrow; }
/// exit: return result;
/// rethrow: TxDescriptor.Rethrow(ex);                    // after the handler: see WrapBody
/// </code>
/// A start point needs an empty evaluation stack below the callee's result and must not be in a
/// handler, nor where a <c>ref</c> local or an interpolated string's handler is live
/// (<see cref="StartPointSites"/>); elsewhere the frame is pinned before the call instead (a
/// transaction beginning there is inevitable). Frames that write through ref parameters or pointers can never restart
/// (their writes are not undone): every call pins them, and they have no commit points.
/// [Atomic] methods are regions: <c>EnterRegion</c> at entry, <c>ExitRegionAndFrame</c> at each return.
/// </summary>
public static class InstrumentFrames
{
    public static void Run(WeavingContext context)
    {
        context.ForEachMethod(context.WovenMethods.ToList(), method => new FrameWeaver(context, method).Weave());
    }

    private sealed class FrameWeaver
    {
        private readonly WeavingContext _context;
        private readonly MethodDefinition _method;
        private readonly MethodBody _body;
        private readonly RuntimeReferences _runtime;
        private readonly BodyEditor _editor;
        private readonly bool _isRegion;
        private readonly List<Instruction> _startPoints = [];
        private readonly List<(VariableDefinition Local, VariableDefinition Shadow)> _shadowLocals = [];
        private readonly List<(Instruction Placeholder, Instruction ResumesAt)> _saves = [];
        private readonly List<Instruction> _restores = [];
        private VariableDefinition _tx = null!;
        private VariableDefinition _depth = null!;
        private VariableDefinition _resume = null!;
        private VariableDefinition _restarting = null!;
        private bool _unrestartable;
        private VariableDefinition? _backEdges;
        private readonly Dictionary<string, VariableDefinition> _callResults = new();
        private readonly ObjectCallGuards _objectCalls;

        public FrameWeaver(WeavingContext context, MethodDefinition method)
        {
            _context = context;
            _method = method;
            _body = method.Body;
            _runtime = context.Runtime;
            _editor = context.EditorFor(method.Body);
            _isRegion = context.AtomicMethods.Contains(method);
            _objectCalls = new ObjectCallGuards(context, method, AddLocal);
        }

        public void Weave()
        {
            if (_body.Instructions.Any(i => i.OpCode.Code == Code.Jmp))
            {
                _context.Report(DiagnosticSeverity.Warning, "STM2002", $"{_method.FullName} uses 'jmp' and is not instrumented.", _method);
                return;
            }
            SeparateSharedTryStarts();
            var depths = StackDepths.Compute(_body);
            var calls = CallSites().ToList();
            var loopHeads = LoopHeads();
            if (!_context.UsesTx(_method) && !_isRegion && loopHeads.Count == 0 && calls.All(c => c.Kind == CallKind.Pure))
                return;

            bool usesPointers = UsesPointers();
            _unrestartable = usesPointers || HasByRefParameters();
            var report = _context.Reports.For(_method);
            if (_context.Leaves.Contains(_method))
            {
                report.Shape = "leaf";
                WeaveLeaf();
                return;
            }
            // Asked of the body as compiled, before instrumenting moves any instruction.
            var startPoints = new StartPointSites(_body, depths);
            var resumable = calls.ToDictionary(c => c.Call, c => startPoints.AfterCall(c.Call));
            var startingHeads = loopHeads.Where(startPoints.AtLoopHead).ToList();
            report.Shape = _isRegion ? "region" : _unrestartable ? "unrestartable frame" : "frame";
            if (!_unrestartable && !_isRegion)
                report.CommitPoints++;
            _tx = _context.TxLocal(_method);
            var homing = _unrestartable ? [] : HomeArguments();
            var originalLocals = _body.Variables.Where(v => v != _tx).ToList();
            _depth = AddLocal(_context.Module.TypeSystem.Int32);
            _resume = AddLocal(_context.Module.TypeSystem.Int32);
            _restarting = AddLocal(_context.Module.TypeSystem.Boolean);
            var result = _method.ReturnType.IsVoid() ? null : AddLocal(_method.ReturnType);
            if (!_unrestartable)
                PrepareShadows(originalLocals);

            var userHandlers = _body.ExceptionHandlers.ToList();
            foreach (var (call, kind) in calls)
            {
                if (depths.ContainsKey(call))
                    InstrumentCall(call, kind, resumable[call]);
            }
            foreach (var head in startingHeads)
            {
                if (!_unrestartable && !_isRegion)
                    AddCommitPoint(head);
            }
            foreach (var handler in userHandlers.Where(h => h.HandlerType is ExceptionHandlerType.Catch or ExceptionHandlerType.Filter))
                _editor.InsertBefore(handler.HandlerStart, [Load(_tx), Load(_depth), Instruction.Create(OpCodes.Callvirt, _runtime.CaughtAt)]);

            var exit = result is null ? Instruction.Create(OpCodes.Ret) : Instruction.Create(OpCodes.Ldloc, result);
            var again = Instruction.Create(OpCodes.Nop);
            foreach (var ret in _body.Instructions.Where(i => i.OpCode.Code == Code.Ret).ToList())
                ReplaceReturn(ret, result, exit, again);
            foreach (var tail in _body.Instructions.Where(i => i.OpCode.Code == Code.Tail))
                tail.OpCode = OpCodes.Nop;
            var chains = DispatchIntoTryBlocks(userHandlers);
            WrapBody(again, exit, result, chains, usesPointers, homing);
            ExpandStateCopies();
            BodyEditor.SortSequencePoints(_method);
            _body.InitLocals = true;
        }

        /// <summary>
        /// A small leaf (barriers, no loop, no call that can commit, no handler) keeps no frame and
        /// no exception handler, so the JIT still inlines it: inside a transaction its barriers
        /// run in the caller's, whose start point restarts it. Called with no transaction
        /// running, or from code that is not woven while the running one waits for its caller's
        /// return site (<c>RunsLeavesInline</c>), it goes through <c>&lt;stm&gt;enter_M</c>, a
        /// framed wrapper that calls it.
        /// </summary>
        private void WeaveLeaf()
        {
            var tx = _context.TxLocal(_method);
            var wrapper = LeafEntry();
            var first = _body.Instructions[0];
            var code = new List<Instruction>
            {
                Instruction.Create(OpCodes.Call, _runtime.Current),
                Instruction.Create(OpCodes.Stloc, tx),
                Load(tx),
                Instruction.Create(OpCodes.Callvirt, _runtime.RunsLeavesInline),
                Instruction.Create(OpCodes.Brtrue, first),
            };
            if (_method.HasThis)
                code.Add(Instruction.Create(OpCodes.Ldarg_0));
            foreach (var parameter in _method.Parameters)
                code.Add(Instruction.Create(OpCodes.Ldarg, parameter));
            code.Add(Instruction.Create(OpCodes.Call, wrapper));
            code.Add(Instruction.Create(OpCodes.Ret));
            _editor.InsertPlainBefore(first, code);
        }

        /// <summary>Creates the framed wrapper of this leaf (same signature, generic parameters cloned) and weaves it.</summary>
        private MethodReference LeafEntry()
        {
            var type = _method.DeclaringType;
            var attributes = (_method.Attributes & ~(MethodAttributes.MemberAccessMask | MethodAttributes.Virtual | MethodAttributes.Abstract | MethodAttributes.NewSlot | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName))
                | MethodAttributes.Private | MethodAttributes.HideBySig;
            var wrapper = new MethodDefinition($"<stm>enter_{_method.Name}", attributes, _method.ReturnType);
            var map = MethodSignatures.CloneGenericParameters(_method, wrapper);
            wrapper.ReturnType = TypeResolution.Remap(_method.ReturnType, map);
            foreach (var parameter in _method.Parameters)
                wrapper.Parameters.Add(new ParameterDefinition(parameter.Name, parameter.Attributes & ~ParameterAttributes.HasDefault, TypeResolution.Remap(parameter.ParameterType, map)));
            type.Methods.Add(wrapper);

            var callee = MethodSignatures.SameInstantiation(MethodSignatures.SelfReference(_method), _method);
            var il = wrapper.Body.GetILProcessor();
            if (wrapper.HasThis)
                il.Emit(OpCodes.Ldarg_0);
            foreach (var parameter in wrapper.Parameters)
                il.Emit(OpCodes.Ldarg, parameter);
            il.Emit(OpCodes.Call, callee);
            il.Emit(OpCodes.Ret);
            _context.AddWovenMethod(wrapper);
            new FrameWeaver(_context, wrapper).Weave();

            return MethodSignatures.SameInstantiation(MethodSignatures.SelfReference(_method), wrapper);
        }

        private IEnumerable<(Instruction Call, CallKind Kind)> CallSites()
        {
            foreach (var instruction in _body.Instructions)
            {
                if (instruction.OpCode.Code is Code.Call or Code.Callvirt or Code.Newobj && instruction.Operand is MethodReference callee)
                {
                    if (callee.TryResolve() is { } definition && _context.Generated.Contains(definition))
                        continue;
                    yield return (instruction, instruction.Previous is { OpCode.Code: Code.Constrained, Operand: TypeReference constrained }
                        ? _context.Calls.ClassifyConstrained(callee, constrained)
                        : _context.Calls.Classify(callee));
                }
                else if (instruction.OpCode.Code == Code.Calli)
                {
                    yield return (instruction, CallKind.Foreign);
                }
            }
        }

        /// <summary>Targets of backward branches: the heads of loops, where back-edges take a commit point.</summary>
        private List<Instruction> LoopHeads()
        {
            var index = BodyEditor.IndexOf(_body);
            var heads = new List<Instruction>();
            foreach (var instruction in _body.Instructions)
                foreach (var target in StackDepths.BranchTargets(instruction))
                    if (index[target] <= index[instruction] && !heads.Contains(target))
                        heads.Add(target);
            return heads;
        }

        private bool HasByRefParameters() =>
            (_method.HasThis && _method.DeclaringType.IsValueType) || _method.Parameters.Any(p => p.ParameterType.IsByReference);

        private bool UsesPointers() =>
            _body.Instructions.Any(i => i.OpCode.Code == Code.Localloc) ||
            _body.Variables.Any(v => v.IsPinned || v.VariableType.IsPointer || v.VariableType.IsFunctionPointer) ||
            _method.Parameters.Any(p => p.ParameterType.IsPointer || p.ParameterType.IsFunctionPointer);

        private void PrepareShadows(List<VariableDefinition> originalLocals)
        {
            foreach (var local in originalLocals)
                _shadowLocals.Add((local, AddLocal(local.VariableType)));
        }

        /// <summary>
        /// Arguments live in locals (copied at entry), so a restart restores every piece of frame
        /// state by assigning locals only. Nothing the body uses is then live out of the handler,
        /// which lets the JIT keep it in registers. <c>this</c> of a constructor stays an argument.
        /// </summary>
        private List<Instruction> HomeArguments()
        {
            var homes = new Dictionary<ParameterDefinition, VariableDefinition>();
            var copies = new List<Instruction>();
            var parameters = new List<ParameterDefinition>(_method.Parameters);
            if (_method.HasThis && !_method.IsConstructor)
                parameters.Insert(0, _body.ThisParameter);
            foreach (var parameter in parameters)
            {
                var home = AddLocal(parameter == _body.ThisParameter ? FieldPolicy.SelfType(_method.DeclaringType) : parameter.ParameterType);
                homes[parameter] = home;
                copies.Add(Instruction.Create(OpCodes.Ldarg, parameter));
                copies.Add(Instruction.Create(OpCodes.Stloc, home));
            }
            foreach (var instruction in _body.Instructions)
            {
                if (instruction.Operand is not ParameterDefinition parameter || !homes.TryGetValue(parameter, out var home))
                    continue;
                instruction.OpCode = instruction.OpCode.Code switch
                {
                    Code.Ldarg => OpCodes.Ldloc,
                    Code.Starg => OpCodes.Stloc,
                    _ => OpCodes.Ldloca,
                };
                instruction.Operand = home;
            }
            return copies;
        }

        /// <param name="resumable">Whether a start point may follow the call (<see cref="StartPointSites"/>).</param>
        private void InstrumentCall(Instruction call, CallKind kind, bool resumable)
        {
            bool canResumeAfter = resumable && !_unrestartable && !_isRegion;
            switch (kind)
            {
                case CallKind.Pure:
                    return;
                case CallKind.Woven:
                    MayCommitInside(call, canResumeAfter);
                    return;
                case CallKind.CallsBack:
                    if (IsDelegateInvoke(call))
                        call = _objectCalls.CheckDelegateTarget(_editor, call, _tx, CallSiteName(call));
                    MayCommitInside(call, canResumeAfter);
                    return;
                case CallKind.ObjectRead or CallKind.ObjectWrite or CallKind.EnumeratorStep or CallKind.EnumeratorState:
                    var guarded = _objectCalls.Guard(_editor, call, kind, _tx, CallSiteName(call));
                    if (guarded.Call is not null)
                        _context.Reports.For(_method).ObjectCalls++;
                    // Inside a guarded call nothing commits; a target resolved at run time may be woven code that does.
                    if (guarded.Call is null || guarded.Dynamic)
                        MayCommitInside(guarded.Call ?? call, canResumeAfter);
                    return;
                case CallKind.Lock when _runtime.ElidedCounterpart((MethodReference)call.Operand) is { } elided:
                    ElideLockCall(call, elided, canResumeAfter);
                    return;
                case CallKind.Irrevocable:
                    _context.Reports.For(_method).ForeignCalls++;
                    _editor.InsertBefore(call, [Load(_tx), Load(_depth), Instruction.Create(OpCodes.Callvirt, _runtime.MakeIrrevocable)]);
                    return;
                case CallKind.Blocking:
                    _context.Reports.For(_method).BlockingCalls++;
                    BreakTransactionAround(call, canResumeAfter, [], _runtime.BeforeBlocking, _runtime.BeforeBlockingPinned);
                    return;
                default:
                    _context.Reports.For(_method).ForeignCalls++;
                    BreakTransactionAround(call, canResumeAfter, [Instruction.Create(OpCodes.Ldstr, CallSiteName(call))], _runtime.BeforeForeignCall, _runtime.BeforeForeignCallPinned);
                    return;
            }
        }

        /// <summary>
        /// A blocking or foreign call is a transaction break (docs/abi.md §6): the transaction
        /// commits before it and a new one begins after it, at a start point where the frame can
        /// hold one (else the frame is pinned and the new transaction is inevitable).
        /// </summary>
        private void BreakTransactionAround(Instruction call, bool canResumeAfter, Instruction[] extraArguments, MethodReference before, MethodReference beforePinned)
        {
            var moved = _editor.InsertBefore(call, [Load(_tx), Load(_depth), .. extraArguments, Instruction.Create(OpCodes.Callvirt, canResumeAfter ? before : beforePinned)]);
            if (canResumeAfter)
                AddReturnSite(moved, _runtime.AfterBlocking);
            else
                _editor.InsertAfter(moved, [Load(_tx), Load(_depth), Instruction.Create(OpCodes.Callvirt, _runtime.AfterBlocking), Instruction.Create(OpCodes.Pop)]);
        }

        /// <summary>A call into woven code (or code calling back into it) may commit: after it, a start point if the frame can hold one, else a pin.</summary>
        private void MayCommitInside(Instruction call, bool canResumeAfter)
        {
            if (_isRegion)
                return;
            if (canResumeAfter)
                AddReturnSite(call, _runtime.ResumedAt);
            else
                _editor.InsertBefore(call, [Load(_tx), Load(_depth), Instruction.Create(OpCodes.Callvirt, _runtime.Pin)]);
        }

        private static bool IsDelegateInvoke(Instruction call) =>
            call.Operand is MethodReference { Name: "Invoke", HasThis: true } method && method.DeclaringType.TryResolve()?.BaseType?.FullName == "System.MulticastDelegate";

        /// <summary>
        /// A Monitor or Lock call becomes the runtime's (docs/abi.md §5), with the frame's
        /// descriptor, depth, a site per entry, and whether a start point may follow. An
        /// acquisition there starts the region's transaction, a Wait the one after it.
        /// </summary>
        private void ElideLockCall(Instruction call, MethodReference elided, bool canStart)
        {
            string name = ((MethodReference)call.Operand).Name;
            bool acquires = name is "Enter" or "TryEnter" or "EnterScope";
            _context.Reports.For(_method).LockSites++;
            var replaced = _editor.InsertBefore(call,
            [
                Load(_tx),
                Load(_depth),
                acquires ? Instruction.Create(OpCodes.Ldsfld, NewSite($"lock_{_method.Name}")) : Instruction.Create(OpCodes.Ldnull),
                Instruction.Create(canStart ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0),
            ]);
            replaced.OpCode = OpCodes.Call;
            replaced.Operand = elided;
            if (canStart && (acquires || name == "Wait"))
                AddReturnSite(replaced, _runtime.ResumedAt);
        }

        /// <summary>How the runtime names a call site it counts: callee, caller and source line.</summary>
        private string CallSiteName(Instruction call)
        {
            string callee = call.Operand is MethodReference method ? $"{method.DeclaringType.FullName}::{method.Name}" : "calli";
            string where = WeavingContext.LocationOf(_method, call) is { Document: { } document } point
                ? $" ({System.IO.Path.GetFileName(document.Url)}:{point.StartLine})"
                : "";
            return $"{callee} in {_method.DeclaringType.FullName}::{_method.Name}{where}";
        }

        /// <summary>After <paramref name="call"/>: if a new transaction began in this frame, this is its start point.</summary>
        private void AddReturnSite(Instruction call, MethodReference check)
        {
            var pushed = TypeResolution.PushedType(call);
            VariableDefinition? value = null;
            if (pushed is not null)
            {
                // One result local and shadow per type serve every return site: the frame restarts
                // only at its latest start point, whose save copies the result just stored.
                var type = _context.Module.ImportReference(pushed, _method);
                if (!_callResults.TryGetValue(type.FullName, out value))
                {
                    value = _callResults[type.FullName] = AddLocal(type);
                    _shadowLocals.Add((value, AddLocal(type)));
                }
            }
            var label = value is null ? Instruction.Create(OpCodes.Nop) : Instruction.Create(OpCodes.Ldloc, value);
            var code = new List<Instruction>();
            if (value is not null)
                code.Add(Instruction.Create(OpCodes.Stloc, value));
            code.Add(Load(_tx));
            code.Add(Load(_depth));
            code.Add(Instruction.Create(OpCodes.Callvirt, check));
            code.Add(Instruction.Create(OpCodes.Brfalse, label));
            code.AddRange(NewStartPoint(label));
            code.Add(label);
            _editor.InsertAfter(call, code);
            if (value is not null)
                ShareSequencePoint(label.Next, label);
        }

        /// <summary>
        /// The reload of a call's result continues the original code after the call: when that
        /// code starts a statement, the reload is part of it (the JIT maps the call's return address
        /// to this stack-empty point, and stack traces must show the statement's line).
        /// </summary>
        private void ShareSequencePoint(Instruction? from, Instruction to)
        {
            var debug = _method.DebugInformation;
            if (from is null || !debug.HasSequencePoints || debug.GetSequencePoint(from) is not { } point)
                return;
            BodyEditor.AddSequencePoint(_method, to, point);
        }

        /// <summary>A commit point on every path into the loop head <paramref name="head"/>.</summary>
        private void AddCommitPoint(Instruction head)
        {
            // Back-edges count down in a register (from 0: the first back-edge reaches the runtime)
            // and reach the runtime's commit point every BackEdgesPerCommitPoint iterations: a
            // decrement of a descriptor field on every iteration would chain the iterations
            // through memory.
            _backEdges ??= AddLocal(_context.Module.TypeSystem.Int32);
            var notYet = Instruction.Create(OpCodes.Bgt, head);
            var notCommitted = Instruction.Create(OpCodes.Brfalse, head);
            var code = new List<Instruction>
            {
                Load(_backEdges),
                Instruction.Create(OpCodes.Ldc_I4_1),
                Instruction.Create(OpCodes.Sub),
                Instruction.Create(OpCodes.Dup),
                Instruction.Create(OpCodes.Stloc, _backEdges),
                Instruction.Create(OpCodes.Ldc_I4_0),
                notYet,
                Instruction.Create(OpCodes.Ldc_I4, BackEdgesPerCommitPoint),
                Instruction.Create(OpCodes.Stloc, _backEdges),
                Load(_tx),
                Load(_depth),
                Instruction.Create(OpCodes.Ldc_I4, BackEdgesPerCommitPoint),
                Instruction.Create(OpCodes.Callvirt, _runtime.CommitPoints),
                notCommitted,
            };
            // A restart resumes at the loop head itself (its commit point runs again, with the
            // countdown reset by the restart path): entering the loop anywhere else would give it a
            // second entry, and the JIT optimizes only loops with one.
            code.AddRange(NewStartPoint(head));
            var check = Instruction.Create(OpCodes.Nop);
            code.Add(check);
            var label = _editor.InsertBefore(head, code);
            notYet.Operand = check;
            notCommitted.Operand = check;
            var report = _context.Reports.For(_method);
            report.CommitPoints++;
            if (new SerialLoops(_context, _method).TryVersion(head, label, check, _tx, _backEdges))
                report.SerialLoopCopies++;
        }

        private const int BackEdgesPerCommitPoint = 64;

        /// <summary>Saves the shadows and records that a restart resumes at <paramref name="resumesAt"/>.</summary>
        private List<Instruction> NewStartPoint(Instruction resumesAt)
        {
            _startPoints.Add(resumesAt);
            return [Save(resumesAt), Instruction.Create(OpCodes.Ldc_I4, _startPoints.Count), Instruction.Create(OpCodes.Stloc, _resume)];
        }

        private void ReplaceReturn(Instruction ret, VariableDefinition? result, Instruction exit, Instruction again)
        {
            var code = new List<Instruction>();
            if (result is not null)
                code.Add(Instruction.Create(OpCodes.Stloc, result));
            code.Add(Load(_tx));
            code.Add(Load(_depth));
            var leave = Instruction.Create(OpCodes.Leave, exit);
            // A failed commit restarts the frame at its start point without an exception (a
            // region: at its entry).
            code.Add(Instruction.Create(OpCodes.Callvirt, _isRegion ? _runtime.ExitRegionAndFrame : _runtime.TryExitFrame));
            code.Add(Instruction.Create(OpCodes.Brtrue, leave));
            code.Add(Load(_tx));
            code.Add(Load(_depth));
            code.Add(Instruction.Create(OpCodes.Callvirt, _runtime.RestartAt));
            code.Add(Instruction.Create(OpCodes.Ldc_I4_1));
            code.Add(Instruction.Create(OpCodes.Stloc, _restarting));
            if (_isRegion)
            {
                code.Add(Instruction.Create(OpCodes.Ldc_I4_0));
                code.Add(Instruction.Create(OpCodes.Stloc, _resume));
            }
            code.Add(Instruction.Create(OpCodes.Leave, again));
            code.Add(leave);
            ret.OpCode = code[0].OpCode;
            ret.Operand = code[0].Operand;
            _editor.InsertAfter(ret, code.Skip(1).ToList());
        }

        /// <summary>
        /// Nested try blocks that begin at the same instruction (C# try/catch/finally) get distinct
        /// first instructions, so each can hold its own dispatch: the outer keeps the instruction
        /// (and every branch to it), now a <c>nop</c>, and the inner starts right after it.
        /// </summary>
        private void SeparateSharedTryStarts()
        {
            var index = BodyEditor.IndexOf(_body);
            foreach (var group in _body.ExceptionHandlers.GroupBy(h => h.TryStart).ToList())
            {
                var ends = group.Select(h => h.TryEnd).Distinct().OrderByDescending(e => index[e]).ToList();
                if (ends.Count == 1)
                    continue;
                var start = group.Key;
                foreach (var innerEnd in ends.Skip(1))
                {
                    start = _editor.InsertBefore(start, [Instruction.Create(OpCodes.Nop)]);
                    foreach (var handler in group.Where(h => h.TryEnd == innerEnd))
                        handler.TryStart = start;
                }
                RetargetBranchesIntoSeparatedStarts(group.ToList());
                index = BodyEditor.IndexOf(_body);
            }
        }

        /// <summary>
        /// The branches to a shared try start now reach the outermost block's new first instruction.
        /// One from inside an inner block (a loop whose head is the shared start) must stay inside
        /// it: it goes to the start of the innermost block that holds it.
        /// </summary>
        private void RetargetBranchesIntoSeparatedStarts(List<ExceptionHandler> blocks)
        {
            var index = BodyEditor.IndexOf(_body);
            var outermostStart = blocks.OrderByDescending(b => index[b.TryEnd]).First().TryStart;
            Instruction TargetFrom(Instruction source) => blocks
                .Where(b => index[b.TryStart] <= index[source] && index[source] < index[b.TryEnd])
                .OrderBy(b => index[b.TryEnd])
                .Select(b => b.TryStart)
                .FirstOrDefault() ?? outermostStart;
            foreach (var instruction in _body.Instructions)
            {
                if (instruction.Operand == outermostStart)
                    instruction.Operand = TargetFrom(instruction);
                else if (instruction.Operand is Instruction[] targets)
                {
                    for (int i = 0; i < targets.Length; i++)
                        if (targets[i] == outermostStart)
                            targets[i] = TargetFrom(instruction);
                }
            }
        }

        /// <summary>
        /// IL enters a try block only at its first instruction, so a start point inside user try
        /// blocks is reached through a dispatch at the start of each enclosing one. Returns, per
        /// start point, the chain of enclosing try blocks, outermost first.
        /// </summary>
        private List<List<Instruction>> DispatchIntoTryBlocks(List<ExceptionHandler> userHandlers)
        {
            var index = BodyEditor.IndexOf(_body);
            var blocks = userHandlers.Select(h => (Start: h.TryStart, End: h.TryEnd)).Distinct().ToList();
            var chains = _startPoints
                .Select(label => blocks
                    .Where(b => index[b.Start] <= index[label] && index[label] < index[b.End])
                    .OrderBy(b => index[b.Start])
                    .Select(b => b.Start)
                    .ToList())
                .ToList();
            foreach (var start in blocks.Select(b => b.Start).Distinct())
            {
                var nested = new Instruction?[_startPoints.Count + 1];
                var direct = new Instruction?[_startPoints.Count + 1];
                for (int k = 1; k <= _startPoints.Count; k++)
                {
                    var chain = chains[k - 1];
                    int position = chain.IndexOf(start);
                    if (position < 0)
                        continue;
                    if (position + 1 < chain.Count)
                        nested[k] = chain[position + 1];
                    else
                        direct[k] = _startPoints[k - 1];
                }
                if (nested.Any(n => n is not null) || direct.Any(d => d is not null))
                    InsertDispatch(start, nested, direct, inPlace: true);
            }
            return chains;
        }

        /// <summary>
        /// <c>if (restarting) switch (resume)</c>: per resume point k, to a nested try block's
        /// dispatch (<paramref name="nested"/>), to the start point itself clearing <c>restarting</c>
        /// (<paramref name="direct"/>), or on (neither). Returns the dispatch's first instruction.
        /// </summary>
        private Instruction InsertDispatch(Instruction at, Instruction?[] nested, Instruction?[] direct, bool inPlace)
        {
            var skip = Instruction.Create(OpCodes.Brfalse, at);
            var fallThrough = Instruction.Create(OpCodes.Br, at);
            var table = new Instruction[nested.Length];
            var code = new List<Instruction> { Load(_restarting), skip, Load(_resume), Instruction.Create(OpCodes.Switch, table), fallThrough };
            for (int k = 0; k < nested.Length; k++)
            {
                if (nested[k] is { } tryStart)
                {
                    table[k] = tryStart;
                }
                else if (direct[k] is { } label)
                {
                    table[k] = Instruction.Create(OpCodes.Ldc_I4_0);
                    code.Add(table[k]);
                    code.Add(Instruction.Create(OpCodes.Stloc, _restarting));
                    code.Add(Instruction.Create(OpCodes.Br, label));
                }
                else
                {
                    table[k] = fallThrough;
                }
            }
            if (!inPlace)
            {
                _editor.InsertPlainBefore(at, code);
                return code[0];
            }
            var continueAt = _editor.InsertBefore(at, code);
            skip.Operand = continueAt;
            fallThrough.Operand = continueAt;
            foreach (var stub in code.Where(i => i.OpCode.Code == Code.Br && i.Operand == at))
                stub.Operand = continueAt;
            return at;
        }

        private void WrapBody(Instruction again, Instruction exit, VariableDefinition? result, List<List<Instruction>> chains, bool usesPointers, List<Instruction> homing)
        {
            var first = _body.Instructions[0];
            var prologue = new List<Instruction>
            {
                Instruction.Create(OpCodes.Call, _runtime.Current),
                Instruction.Create(OpCodes.Stloc, _tx),
                Load(_tx),
                Instruction.Create(OpCodes.Callvirt, _unrestartable ? _runtime.EnterUnrestartableFrame : _runtime.EnterFrame),
                Instruction.Create(OpCodes.Stloc, _depth),
            };
            if (_isRegion)
            {
                prologue.Add(Load(_tx));
                prologue.Add(Load(_depth));
                prologue.Add(Instruction.Create(OpCodes.Ldsfld, NewSite(_method.Name)));
                prologue.Add(Instruction.Create(OpCodes.Callvirt, _runtime.EnterRegion));
                prologue.Add(Instruction.Create(OpCodes.Pop));
            }
            if (usesPointers)
                prologue.AddRange([Load(_tx), Load(_depth), Instruction.Create(OpCodes.Callvirt, _runtime.MakeIrrevocable)]);
            prologue.AddRange(homing);
            prologue.Add(Save(first));
            // The restart path restores the shadows outside the handler, then enters the dispatch:
            // a local the handler assigned would live in memory for the whole method.
            var toDispatch = Instruction.Create(OpCodes.Br, first);
            prologue.AddRange([toDispatch, again, Restore()]);
            if (_backEdges is not null)
            {
                // A restart resumes at a loop head, before its commit point: with the countdown
                // left where the aborted attempt took it, that commit point would commit the empty
                // new attempt at once, and the abort streak that makes a failing attempt
                // inevitable would start over forever (a livelock).
                prologue.AddRange([Instruction.Create(OpCodes.Ldc_I4, BackEdgesPerCommitPoint), Instruction.Create(OpCodes.Stloc, _backEdges)]);
            }
            _editor.InsertPlainBefore(first, prologue);

            // The method's own dispatch opens the protected region; resume point 0 is the method
            // entry, after its commit point.
            var entry = new List<Instruction>();
            if (!_unrestartable && !_isRegion)
                entry.AddRange([Load(_tx), Load(_depth), Instruction.Create(OpCodes.Callvirt, _runtime.CommitPoint), Instruction.Create(OpCodes.Pop)]);
            _editor.InsertPlainBefore(first, entry);
            var nested = new Instruction?[_startPoints.Count + 1];
            var direct = new Instruction?[_startPoints.Count + 1];
            direct[0] = first;
            for (int k = 1; k <= _startPoints.Count; k++)
            {
                if (chains[k - 1].Count > 0)
                    nested[k] = chains[k - 1][0];
                else
                    direct[k] = _startPoints[k - 1];
            }
            var head = InsertDispatch(entry.Count > 0 ? entry[0] : first, nested, direct, inPlace: false);
            toDispatch.Operand = head;

            // An exception that leaves the frame is rethrown in the handler while the frame is not
            // deep and the stack has room, else thrown again after it: a handler runs on top of the
            // stack the exception came from, so a rethrow in each of N woven frames stacks N
            // dispatches and would overflow where the original's one dispatch does not (deep
            // recursion stopped by an exception). Thrown after the handler, the frame shows twice
            // in the stack trace.
            var escaping = AddLocal(_context.Module.TypeSystem.Object);
            var filter = Instruction.Create(OpCodes.Ldloc, _tx);
            var handlerStart = Instruction.Create(OpCodes.Stloc, escaping);
            var leaving = Load(_depth);
            var rethrow = Instruction.Create(OpCodes.Ldloc, escaping);
            var leaveToRethrow = Instruction.Create(OpCodes.Leave, rethrow);
            var code = new List<Instruction>
            {
                filter,
                Load(_depth),
                Instruction.Create(OpCodes.Call, _isRegion ? _runtime.CatchesInRegion : _runtime.Catches),
                Instruction.Create(OpCodes.Endfilter),
                handlerStart,
                Load(escaping),
                Load(_tx),
                Load(_depth),
                Instruction.Create(OpCodes.Call, _isRegion ? _runtime.RestartsInRegion : _runtime.Restarts),
                Instruction.Create(OpCodes.Brfalse, leaving),
                Instruction.Create(OpCodes.Ldc_I4_1),
                Instruction.Create(OpCodes.Stloc, _restarting),
                Instruction.Create(OpCodes.Leave, again),
                leaving,
                Instruction.Create(OpCodes.Call, _runtime.HasStackToRethrow),
                Instruction.Create(OpCodes.Brfalse, leaveToRethrow),
                Instruction.Create(OpCodes.Rethrow),
                leaveToRethrow,
                exit,
            };
            if (result is not null)
                code.Add(Instruction.Create(OpCodes.Ret));
            code.AddRange([rethrow, Instruction.Create(OpCodes.Call, _runtime.Rethrow), Instruction.Create(OpCodes.Ldnull), Instruction.Create(OpCodes.Throw)]);
            BodyEditor.AppendAfterEnd(_body, code);
            _body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Filter)
            {
                TryStart = head,
                TryEnd = filter,
                FilterStart = filter,
                HandlerStart = handlerStart,
                HandlerEnd = exit,
            });
        }

        /// <summary>
        /// A static <c>TransactionSite</c> for one place where regions begin ([Atomic] method, lock
        /// entry): it learns whether they write, and whether elision works there.
        /// </summary>
        private FieldReference NewSite(string name)
        {
            var type = _method.DeclaringType;
            var site = new FieldDefinition($"<stm>site_{name}_{type.Methods.IndexOf(_method)}_{type.Fields.Count}", FieldAttributes.Private | FieldAttributes.Static | FieldAttributes.InitOnly, _runtime.TransactionSite);
            type.Fields.Add(site);
            var constructor = type.Methods.FirstOrDefault(m => m.IsConstructor && m.IsStatic);
            if (constructor is null)
            {
                constructor = new MethodDefinition(".cctor", MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName, _context.Module.TypeSystem.Void);
                constructor.Body.GetILProcessor().Emit(OpCodes.Ret);
                type.Methods.Add(constructor);
            }
            var reference = type.HasGenericParameters ? FieldPolicy.OnSelf(site, type) : (FieldReference)site;
            var body = constructor.Body;
            body.GetILProcessor().InsertBefore(body.Instructions[0], Instruction.Create(OpCodes.Newobj, _runtime.TransactionSiteConstructor));
            body.GetILProcessor().InsertAfter(body.Instructions[0], Instruction.Create(OpCodes.Stsfld, reference));
            return reference;
        }

        /// <summary>A placeholder for "save the shadows <paramref name="resumesAt"/> needs", expanded once the body is complete.</summary>
        private Instruction Save(Instruction resumesAt)
        {
            var placeholder = Instruction.Create(OpCodes.Nop);
            _saves.Add((placeholder, resumesAt));
            return placeholder;
        }

        /// <summary>A placeholder for "restore the shadows", expanded with the saves.</summary>
        private Instruction Restore()
        {
            var placeholder = Instruction.Create(OpCodes.Nop);
            _restores.Add(placeholder);
            return placeholder;
        }

        /// <summary>
        /// Each save copies the locals live where its start point resumes (read there before they
        /// are written): a save of every local would keep them all live, into every handler of
        /// the method, and the JIT's time grows with the locals live into a handler times its try
        /// block's size. The restart path restores every local some save copies, each shadow read
        /// through <c>TxDescriptor.Restore</c> (see there); shadows no save needs are removed.
        /// </summary>
        private void ExpandStateCopies()
        {
            if (_shadowLocals.Count == 0)
                return;
            var restored = _shadowLocals.Select(s => s.Local).ToList();
            var liveness = new LocalLiveness(_body, _restores.ToDictionary(r => r, _ => restored));
            var saves = _saves.Select(s => (s.Placeholder, Live: liveness.LiveBefore(s.ResumesAt))).ToList();
            var saved = _shadowLocals.Where(s => saves.Any(save => save.Live(s.Local))).ToList();
            var rest = new Dictionary<Instruction, List<Instruction>>();
            foreach (var (placeholder, live) in saves)
                rest[placeholder] = saved.Where(s => live(s.Local)).SelectMany(s => new[] { Instruction.Create(OpCodes.Ldloc, s.Local), Instruction.Create(OpCodes.Stloc, s.Shadow) }).ToList();
            foreach (var placeholder in _restores)
                rest[placeholder] = saved.SelectMany(RestoreCopy).ToList();
            foreach (var (local, shadow) in _shadowLocals.Except(saved))
                _body.Variables.Remove(shadow);

            // One pass over the body: inserting each copy where it goes would shift the body once per
            // instruction (start points times locals, squared, in a big method).
            var body = _body.Instructions.ToList();
            _body.Instructions.Clear();
            foreach (var instruction in body)
            {
                if (!rest.TryGetValue(instruction, out var copies) || copies.Count == 0)
                {
                    _body.Instructions.Add(instruction);
                    continue;
                }
                instruction.OpCode = copies[0].OpCode;
                instruction.Operand = copies[0].Operand;
                _body.Instructions.Add(instruction);
                foreach (var copy in copies.Skip(1))
                    _body.Instructions.Add(copy);
            }
            _body.Instructions[_body.Instructions.Count - 1].Next = null;
        }

        private IEnumerable<Instruction> RestoreCopy((VariableDefinition Local, VariableDefinition Shadow) pair)
        {
            var type = pair.Shadow.VariableType.WithoutModifiers();
            // A type argument cannot be a byref, a pointer or one of the runtime's special ref structs.
            bool generic = !(type.IsByReference || type.IsPointer || type.IsFunctionPointer || type.FullName is "System.TypedReference" or "System.ArgIterator" or "System.RuntimeArgumentHandle");
            return generic
                ? [Instruction.Create(OpCodes.Ldloca, pair.Shadow), Instruction.Create(OpCodes.Call, _runtime.Restore(type)), Instruction.Create(OpCodes.Stloc, pair.Local)]
                : [Instruction.Create(OpCodes.Ldloc, pair.Shadow), Instruction.Create(OpCodes.Stloc, pair.Local)];
        }

        private VariableDefinition AddLocal(TypeReference type)
        {
            var local = new VariableDefinition(type);
            _body.Variables.Add(local);
            return local;
        }

        private static Instruction Load(VariableDefinition local) => Instruction.Create(OpCodes.Ldloc, local);
    }
}
