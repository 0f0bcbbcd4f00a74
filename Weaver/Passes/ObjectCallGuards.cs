using System;
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using Stm.Weaving.Il;

namespace Stm.Weaving.Passes;

/// <summary>
/// Pass 7's code around an object-level call (docs/abi.md §7). The arguments are set aside in
/// locals, so the receiver is on top of the stack; the receiver and every collection argument
/// are announced to the runtime (converted first when the receiver is an enumerator or a view,
/// resolved at run time when it is an interface); the arguments are put back; after the call
/// the runtime closes what was announced.
/// <code>
///   mark = tx.ObjectCallMark
///   stloc a_n … stloc a_1
///   dup; [ObjectTargets.Of]; ldloc tx; call BeginObjectRead|BeginObjectWrite     // known framework type
///   dup; ldloc tx; ldc access; ldstr site; call BeginObjectCallOf                  // interface receiver
///   ldloc a_i; ldloc tx; ldc Read; ldstr site; call BeginObjectCallOf              // each collection argument
///   ldloc a_1 … ldloc a_n
///   call M
///   tx.EndObjectCalls(mark)
/// </code>
/// </summary>
internal sealed class ObjectCallGuards
{
    /// <summary><c>Stm.Abi.ObjectAccess</c> values.</summary>
    private const int Read = 0, Write = 1, Step = 2, State = 3;

    private readonly WeavingContext _context;
    private readonly MethodDefinition _method;
    private readonly Func<TypeReference, VariableDefinition> _addLocal;

    // The locals of a guard live only from the call's arguments to its end, and guards never
    // overlap, so every guard of the method shares them (by type, in order): the JIT's time grows
    // steeply with a method's locals.
    private readonly Dictionary<string, List<VariableDefinition>> _spills = new();
    private VariableDefinition? _mark;

    public ObjectCallGuards(WeavingContext context, MethodDefinition method, Func<TypeReference, VariableDefinition> addLocal)
    {
        _context = context;
        _method = method;
        _addLocal = addLocal;
    }

    /// <summary>
    /// Guards <paramref name="call"/> of <paramref name="kind"/>. Returns the call instruction
    /// (it moves: code is inserted in place) or null when nothing needed a guard, and whether the
    /// runtime decides what is guarded (an interface receiver, collection arguments): the target
    /// may then be woven code, which can commit, so the caller also treats it as a call back.
    /// </summary>
    public (Instruction? Call, bool Dynamic) Guard(BodyEditor editor, Instruction call, CallKind kind, VariableDefinition tx, string site)
    {
        var runtime = _context.Runtime;
        var callee = (MethodReference)call.Operand;
        bool hasReceiver = callee.HasThis && call.OpCode.Code != Code.Newobj;
        var receiverConversion = hasReceiver ? ReceiverConversion(call, callee) : null;
        bool dynamicReceiver = kind is CallKind.EnumeratorStep or CallKind.EnumeratorState || IsInterface(callee.DeclaringType);
        bool guardsReceiver = receiverConversion is not null;
        var collectionArguments = Enumerable.Range(0, callee.Parameters.Count).Where(i => IsCollectionArgument(callee, i)).ToList();
        if (!guardsReceiver && collectionArguments.Count == 0)
            return (null, false);

        var mark = _mark ??= _addLocal(_context.Module.TypeSystem.Int32);
        var moved = SpillAround(editor, call, arguments =>
        {
            var code = new List<Instruction>();
            if (guardsReceiver)
            {
                code.Add(Instruction.Create(OpCodes.Dup));
                code.AddRange(receiverConversion!);
                code.Add(Instruction.Create(OpCodes.Ldloc, tx));
                if (dynamicReceiver)
                {
                    code.AddRange(DynamicBegin(AccessOf(kind), site));
                }
                else if (kind == CallKind.ObjectWrite && runtime.InverseFor(callee) is { } inverse)
                {
                    // The inverse reads the state the mutation may change: the key's entry, the length.
                    code.RemoveAt(code.Count - 1);
                    if (inverse.TakesKey)
                        code.Add(Instruction.Create(OpCodes.Ldloc, arguments[0]));
                    code.Add(Instruction.Create(OpCodes.Ldloc, tx));
                    code.Add(Instruction.Create(OpCodes.Call, inverse.Method));
                }
                else
                {
                    code.Add(Instruction.Create(OpCodes.Call, kind == CallKind.ObjectWrite ? runtime.BeginObjectWrite : runtime.BeginObjectRead));
                }
            }
            bool writesFirstArgument = !hasReceiver && kind == CallKind.ObjectWrite;
            foreach (int i in collectionArguments)
            {
                code.Add(Instruction.Create(OpCodes.Ldloc, arguments[i]));
                code.Add(Instruction.Create(OpCodes.Ldloc, tx));
                code.AddRange(DynamicBegin(writesFirstArgument && i == 0 ? Write : Read, site));
            }
            return code;
        }, [Instruction.Create(OpCodes.Ldloc, tx), Instruction.Create(OpCodes.Callvirt, runtime.ObjectCallMark), Instruction.Create(OpCodes.Stloc, mark)]);
        editor.InsertAfter(moved,
        [
            Instruction.Create(OpCodes.Ldloc, tx),
            Instruction.Create(OpCodes.Ldloc, mark),
            Instruction.Create(OpCodes.Callvirt, runtime.EndObjectCalls),
        ]);
        return (moved, (guardsReceiver && dynamicReceiver) || collectionArguments.Count > 0);
    }

    /// <summary>Before a delegate's Invoke: the runtime checks its target is woven (docs/abi.md §7); returns the moved call.</summary>
    public Instruction CheckDelegateTarget(BodyEditor editor, Instruction call, VariableDefinition tx, string site) =>
        SpillAround(editor, call, _ =>
        [
            Instruction.Create(OpCodes.Dup),
            Instruction.Create(OpCodes.Ldloc, tx),
            Instruction.Create(OpCodes.Ldstr, site),
            Instruction.Create(OpCodes.Call, _context.Runtime.BeforeDelegateCall),
        ], []);

    /// <summary>
    /// Sets the call's arguments aside in locals so its receiver is on top of the stack, inserts
    /// <paramref name="checks"/> (given the locals; they must leave the stack as they found it),
    /// and puts the arguments back. Returns the moved call.
    /// </summary>
    private Instruction SpillAround(BodyEditor editor, Instruction call, Func<List<VariableDefinition>, List<Instruction>> checks, List<Instruction> prologue)
    {
        var callee = (MethodReference)call.Operand;
        var taken = new Dictionary<string, int>();
        var arguments = callee.Parameters.Select(p => Spill(_context.Module.ImportReference(TypeResolution.AsCallerSees(callee, p.ParameterType), _method), taken)).ToList();
        var code = new List<Instruction>(prologue);
        for (int i = arguments.Count - 1; i >= 0; i--)
            code.Add(Instruction.Create(OpCodes.Stloc, arguments[i]));
        code.AddRange(checks(arguments));
        code.AddRange(arguments.Select(a => Instruction.Create(OpCodes.Ldloc, a)));
        return editor.InsertBefore(call, code);
    }

    /// <summary>The next spill local of <paramref name="type"/> this guard has not taken yet.</summary>
    private VariableDefinition Spill(TypeReference type, Dictionary<string, int> taken)
    {
        string key = type.FullName;
        if (!_spills.TryGetValue(key, out var locals))
            _spills[key] = locals = [];
        taken.TryGetValue(key, out int n);
        taken[key] = n + 1;
        if (n == locals.Count)
            locals.Add(_addLocal(type));
        return locals[n];
    }

    private IEnumerable<Instruction> DynamicBegin(int access, string site) =>
    [
        Instruction.Create(OpCodes.Ldc_I4, access),
        Instruction.Create(OpCodes.Ldstr, site),
        Instruction.Create(OpCodes.Call, _context.Runtime.BeginObjectCallOf),
    ];

    private static int AccessOf(CallKind kind) => kind switch
    {
        CallKind.ObjectWrite => Write,
        CallKind.EnumeratorStep => Step,
        CallKind.EnumeratorState => State,
        _ => Read,
    };

    /// <summary>
    /// How the receiver on the stack becomes the object the runtime guards: a generic receiver
    /// (<c>constrained. T</c>) is loaded and boxed, an enumerator or view goes through
    /// <c>ObjectTargets.Of</c>, a class instance is itself. Null when it cannot be guarded
    /// (a struct without a converter).
    /// </summary>
    private List<Instruction>? ReceiverConversion(Instruction call, MethodReference callee)
    {
        if (call.Previous is { OpCode.Code: Code.Constrained, Operand: TypeReference constrained })
        {
            if (constrained is GenericParameter)
                return [Instruction.Create(OpCodes.Ldobj, constrained), Instruction.Create(OpCodes.Box, constrained)];
            return _context.Runtime.ObjectTargetOf(constrained) is { } structConverter ? [Instruction.Create(OpCodes.Call, structConverter)] : null;
        }
        if (_context.Runtime.ObjectTargetOf(callee.DeclaringType) is { } converter)
            return [Instruction.Create(OpCodes.Call, converter)];
        return callee.DeclaringType.IsValueType ? null : [];
    }

    private static bool IsInterface(TypeReference type) => type.TryResolve() is { IsInterface: true };

    /// <summary>
    /// An argument the framework method reads as a collection: declared as an enumerable or
    /// array type (not an element type <c>T</c>, which may happen to be a collection the method
    /// only stores), never a string.
    /// </summary>
    private static bool IsCollectionArgument(MethodReference callee, int index)
    {
        var declared = callee.GetElementMethod().Parameters[index].ParameterType;
        if (declared is GenericParameter || declared.IsByReference || declared.IsValueType || declared.MetadataType == MetadataType.String)
            return false;
        if (declared is ArrayType)
            return true;
        return declared.TryResolve() is { } definition && IsEnumerable(definition);
    }

    private static bool IsEnumerable(TypeDefinition type)
    {
        for (var current = type; current is not null; current = current.BaseType?.TryResolve())
        {
            if (current.FullName is "System.Collections.IEnumerable" || current.Interfaces.Any(i => i.InterfaceType.GetElementType().FullName == "System.Collections.IEnumerable" || (i.InterfaceType.TryResolve() is { } resolved && IsEnumerable(resolved))))
                return true;
        }
        return false;
    }
}
