using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Stm.Weaving;

/// <summary>The accessor methods generated for one field (null where the field needs none).</summary>
public sealed class FieldAccessors
{
    public MethodDefinition? Get { get; set; }
    public MethodDefinition? Set { get; set; }
    public MethodDefinition? Open { get; set; }
}

/// <summary>An access as the compiler wrote it: the instruction, and whether it was volatile (a <c>volatile.</c> prefix or <c>Volatile.Read</c>).</summary>
public sealed class PlainAccess
{
    public PlainAccess(OpCode opCode, object operand, bool isVolatile)
    {
        OpCode = opCode;
        Operand = operand;
        IsVolatile = isVolatile;
    }

    public OpCode OpCode { get; }
    public object Operand { get; }
    public bool IsVolatile { get; }
}

/// <summary>What the passes share about the module being woven.</summary>
public sealed class WeavingContext
{
    public WeavingContext(ModuleDefinition module, RuntimeReferences runtime, WeaverOptions options, IWeaverLog log)
    {
        Module = module;
        Runtime = runtime;
        Options = options;
        Log = log;
        Calls = new CallClassifier(this);
    }

    public ModuleDefinition Module { get; }
    public RuntimeReferences Runtime { get; }
    public WeaverOptions Options { get; }
    public IWeaverLog Log { get; }
    public CallClassifier Calls { get; }

    /// <summary>What each pass did, per method (printed by <c>stmweave --dry-run</c>).</summary>
    public WeavingReport Reports { get; } = new();

    /// <summary>True when the module carries the marker already: weaving is a no-op.</summary>
    public bool AlreadyWoven { get; set; }

    /// <summary>Classes and structs whose fields get barriers.</summary>
    public HashSet<TypeDefinition> WovenTypes { get; } = [];

    private readonly List<MethodDefinition> _wovenMethods = [];
    private readonly HashSet<MethodDefinition> _wovenMethodSet = [];

    /// <summary>Methods whose bodies are instrumented, in module order.</summary>
    public IReadOnlyList<MethodDefinition> WovenMethods => _wovenMethods;

    public void AddWovenMethod(MethodDefinition method)
    {
        if (_wovenMethodSet.Add(method))
            _wovenMethods.Add(method);
    }

    public bool IsWoven(MethodDefinition method) => _wovenMethodSet.Contains(method);

    /// <summary>[Atomic] methods: regions.</summary>
    public HashSet<MethodDefinition> AtomicMethods { get; } = [];

    /// <summary>Methods with barriers that cannot commit: no frame, and a twin taking the caller's descriptor (pass SpecializeLeaves).</summary>
    public HashSet<MethodDefinition> Leaves { get; } = [];

    /// <summary>Bodies as compiled, kept before the barriers go in, for leaf twins' serial-mode path.</summary>
    public Dictionary<MethodDefinition, Passes.SpecializeLeaves.OriginalBody> OriginalBodies { get; } = [];

    /// <summary>Methods that need no instrumentation at all (no barrier, loop or call that could commit).</summary>
    public HashSet<MethodDefinition> Trivial { get; } = [];

    /// <summary>Leaf twin → its serial twin (the original body, for callers that know the thread is serial).</summary>
    public Dictionary<MethodDefinition, MethodDefinition> SerialTwins { get; } = [];

    /// <summary>Each barrier call with the plain access it replaced (serial-mode loop copies use them).</summary>
    public Dictionary<Instruction, PlainAccess> PlainAccesses { get; } = [];

    /// <summary>The <c>ldloc tx</c> each barrier call starts with.</summary>
    public HashSet<Instruction> DescriptorLoads { get; } = [];

    /// <summary>Methods the weaver added (accessors, locators): never instrumented themselves.</summary>
    public HashSet<MethodDefinition> Generated { get; } = [];

    /// <summary>The lock-word field guarding each woven class's instance fields.</summary>
    public Dictionary<TypeDefinition, FieldDefinition> Headers { get; } = [];

    public Dictionary<FieldDefinition, FieldAccessors> Accessors { get; } = [];

    /// <summary>An editor of <paramref name="body"/> that keeps <see cref="PlainAccesses"/> and <see cref="DescriptorLoads"/> on the opcodes they describe.</summary>
    public Il.BodyEditor EditorFor(MethodBody body) => new(body, OpcodeMoved);

    private void OpcodeMoved(Instruction from, Instruction to)
    {
        if (PlainAccesses.TryGetValue(from, out var plain) && PlainAccesses.Remove(from))
            PlainAccesses[to] = plain;
        if (DescriptorLoads.Remove(from))
            DescriptorLoads.Add(to);
    }

    public int ErrorCount { get; private set; }

    /// <summary>
    /// Runs a pass's work on each method. An exception out of it is a weaver bug: it is rethrown
    /// naming the method (<see cref="MethodWeavingException"/>), and the module is not written.
    /// </summary>
    public void ForEachMethod(IEnumerable<MethodDefinition> methods, System.Action<MethodDefinition> work)
    {
        foreach (var method in methods)
        {
            try
            {
                work(method);
            }
            catch (System.Exception failure) when (failure is not MethodWeavingException and not WeavingRefusedException)
            {
                throw new MethodWeavingException(method, failure);
            }
        }
    }

    private readonly Dictionary<MethodDefinition, VariableDefinition> _txLocals = [];

    /// <summary>The local holding the thread's descriptor in <paramref name="method"/> (loaded once, in the prologue).</summary>
    public VariableDefinition TxLocal(MethodDefinition method)
    {
        if (!_txLocals.TryGetValue(method, out var local))
        {
            local = new VariableDefinition(Runtime.TxDescriptor);
            method.Body.Variables.Add(local);
            _txLocals[method] = local;
        }
        return local;
    }

    /// <summary>Whether an earlier pass made <paramref name="method"/> use the descriptor.</summary>
    public bool UsesTx(MethodDefinition method) => _txLocals.ContainsKey(method);

    public void Report(DiagnosticSeverity severity, string code, string message, MethodDefinition? method = null, Instruction? at = null)
    {
        if (severity == DiagnosticSeverity.Error)
            ErrorCount++;
        Log.Report(new WeaverDiagnostic(severity, code, message, LocationOf(method, at)));
    }

    /// <summary>The sequence point of <paramref name="at"/>, or of the nearest instruction before it that has one.</summary>
    public static SequencePoint? LocationOf(MethodDefinition? method, Instruction? at)
    {
        if (method is null || !method.DebugInformation.HasSequencePoints)
            return null;
        for (var instruction = at ?? method.Body.Instructions[0]; instruction is not null; instruction = instruction.Previous)
        {
            var point = method.DebugInformation.GetSequencePoint(instruction);
            if (point is { IsHidden: false })
                return point;
        }
        return null;
    }
}
