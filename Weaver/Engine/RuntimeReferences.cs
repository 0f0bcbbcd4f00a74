using System.Linq;
using Mono.Cecil;

namespace Stm.Weaving;

/// <summary>
/// The runtime ABI (Stm.dll, namespace Stm.Abi, docs/abi.md) imported into the module being
/// woven. Everything woven code calls is found here by name once.
/// </summary>
public sealed class RuntimeReferences
{
    private readonly ModuleDefinition _module;
    private readonly TypeDefinition _barriers;
    private readonly TypeDefinition _descriptor;
    private readonly TypeDefinition _elidedMonitor;
    private readonly TypeDefinition _elidedLock;
    private readonly TypeDefinition _objectTargets;
    private readonly TypeDefinition _objectInverses;

    public RuntimeReferences(ModuleDefinition module, ModuleDefinition runtime)
    {
        _module = module;
        _barriers = Type(runtime, "Stm.Abi.Barriers");
        _descriptor = Type(runtime, "Stm.Abi.TxDescriptor");
        var site = Type(runtime, "Stm.Abi.TransactionSite");
        var woven = Type(runtime, "Stm.Abi.StmWovenAttribute");
        _elidedMonitor = Type(runtime, "Stm.Abi.ElidedMonitor");
        _elidedLock = Type(runtime, "Stm.Abi.ElidedLock");
        _objectTargets = Type(runtime, "Stm.Abi.ObjectTargets");
        _objectInverses = Type(runtime, "Stm.Abi.ObjectInverses");

        TxDescriptor = module.ImportReference(_descriptor);
        TransactionSite = module.ImportReference(site);
        TransactionSiteConstructor = module.ImportReference(site.Methods.Single(m => m.IsConstructor && !m.IsStatic));
        TransactionAbort = module.ImportReference(Type(runtime, "Stm.Abi.TransactionAbort"));
        StmWovenConstructor = module.ImportReference(woven.Methods.Single(m => m.IsConstructor));
        Current = Descriptor("get_Current");
        RunsLeavesInline = Descriptor("get_RunsLeavesInline");
        InSerialMode = Descriptor("get_InSerialMode");
        EnterFrame = Descriptor("EnterFrame");
        EnterUnrestartableFrame = Descriptor("EnterUnrestartableFrame");
        TryExitFrame = Descriptor("TryExitFrame");
        CommitPoint = Descriptor("CommitPoint");
        CommitPoints = Descriptor("CommitPoints");
        ResumedAt = Descriptor("ResumedAt");
        RestartAt = Descriptor("RestartAt");
        CaughtAt = Descriptor("CaughtAt");
        EnterRegion = Descriptor("EnterRegion");
        ExitRegionAndFrame = Descriptor("ExitRegionAndFrame");
        BeforeBlocking = Descriptor("BeforeBlocking");
        BeforeBlockingPinned = Descriptor("BeforeBlockingPinned");
        AfterBlocking = Descriptor("AfterBlocking");
        Pin = Descriptor("Pin");
        MakeIrrevocable = Descriptor("MakeIrrevocable");
        EnterTypeInitializer = Descriptor("EnterTypeInitializer");
        ExitTypeInitializer = Descriptor("ExitTypeInitializer");
        BeforeForeignCall = Descriptor("BeforeForeignCall");
        BeforeForeignCallPinned = Descriptor("BeforeForeignCallPinned");
        Catches = Descriptor("Catches");
        Restarts = Descriptor("Restarts");
        CatchesInRegion = Descriptor("CatchesInRegion");
        RestartsInRegion = Descriptor("RestartsInRegion");
        Rethrow = Descriptor("Rethrow");
        HasStackToRethrow = Descriptor("HasStackToRethrow");
        IsAbort = Descriptor("IsAbort");
        NewHeader = Barrier("NewHeader");
        BeginObjectRead = Descriptor("BeginObjectRead");
        BeginObjectWrite = Descriptor("BeginObjectWrite");
        BeginObjectCallOf = Descriptor("BeginObjectCallOf");
        ObjectCallMark = Descriptor("get_ObjectCallMark");
        EndObjectCalls = Descriptor("EndObjectCalls");
        BeforeDelegateCall = Descriptor("BeforeDelegateCall");
    }

    public TypeReference TxDescriptor { get; }
    public TypeReference TransactionSite { get; }
    public MethodReference TransactionSiteConstructor { get; }
    public TypeReference TransactionAbort { get; }
    public MethodReference StmWovenConstructor { get; }
    public MethodReference Current { get; }
    public MethodReference RunsLeavesInline { get; }
    public MethodReference InSerialMode { get; }
    public MethodReference EnterFrame { get; }
    public MethodReference EnterUnrestartableFrame { get; }
    public MethodReference TryExitFrame { get; }
    public MethodReference CommitPoint { get; }
    public MethodReference CommitPoints { get; }
    public MethodReference ResumedAt { get; }
    public MethodReference RestartAt { get; }
    public MethodReference CaughtAt { get; }
    public MethodReference EnterRegion { get; }
    public MethodReference ExitRegionAndFrame { get; }
    public MethodReference BeforeBlocking { get; }
    public MethodReference BeforeBlockingPinned { get; }
    public MethodReference AfterBlocking { get; }
    public MethodReference Pin { get; }
    public MethodReference MakeIrrevocable { get; }
    public MethodReference EnterTypeInitializer { get; }
    public MethodReference ExitTypeInitializer { get; }
    public MethodReference BeforeForeignCall { get; }
    public MethodReference BeforeForeignCallPinned { get; }
    public MethodReference Catches { get; }
    public MethodReference Restarts { get; }
    public MethodReference CatchesInRegion { get; }
    public MethodReference RestartsInRegion { get; }
    public MethodReference Rethrow { get; }
    public MethodReference HasStackToRethrow { get; }
    public MethodReference IsAbort { get; }
    public MethodReference NewHeader { get; }
    public MethodReference BeginObjectRead { get; }
    public MethodReference BeginObjectWrite { get; }
    public MethodReference BeginObjectCallOf { get; }
    public MethodReference ObjectCallMark { get; }
    public MethodReference EndObjectCalls { get; }
    public MethodReference BeforeDelegateCall { get; }

    /// <summary>
    /// <c>ObjectTargets.Of</c> for receivers of <paramref name="declaringType"/> (an enumerator, a
    /// view, a sorted collection), instantiated at its generic arguments; null when the receiver
    /// is its own target.
    /// </summary>
    public MethodReference? ObjectTargetOf(TypeReference declaringType)
    {
        string definition = declaringType.GetElementType().FullName;
        var converter = _objectTargets.Methods.SingleOrDefault(m => m.Name == "Of" &&
            (m.Parameters[0].ParameterType is ByReferenceType byReference ? byReference.ElementType : m.Parameters[0].ParameterType).GetElementType().FullName == definition);
        return converter is null ? null : Instantiated(converter, declaringType);
    }

    /// <summary><c>TxDescriptor.IsUserException&lt;T&gt;</c>: the filter a hardened <c>catch (T)</c> becomes.</summary>
    public MethodReference IsUserException(TypeReference caught) =>
        Generic(_descriptor.Methods.Single(m => m.Name == "IsUserException"), caught);

    /// <summary><c>TxDescriptor.Restore&lt;T&gt;</c>: how the restart path reads a shadow local of type <paramref name="type"/>.</summary>
    public MethodReference Restore(TypeReference type) =>
        Generic(_descriptor.Methods.Single(m => m.Name == "Restore"), type);

    /// <summary>A generic barrier of <c>Barriers</c> by name and arity, instantiated at <paramref name="valueType"/>.</summary>
    /// <param name="firstParameterRank">For array barriers: the rank of the array parameter (1 for <c>T[]</c>); 0 otherwise.</param>
    public MethodReference Barrier(string name, TypeReference valueType, int firstParameterRank = 0)
    {
        var definition = _barriers.Methods.Single(m =>
            m.Name == name && m.HasGenericParameters &&
            (firstParameterRank == 0 || m.Parameters[0].ParameterType is ArrayType array && array.Rank == firstParameterRank));
        return Generic(definition, valueType);
    }

    /// <summary>
    /// The runtime's stand-in for a <c>Monitor</c> or <c>Lock</c> method (docs/abi.md §5): same
    /// name, the instance (if any) and the original parameters first, then descriptor, depth,
    /// site and can-start. Null for members it does not replace (they run as they are).
    /// </summary>
    public MethodReference? ElidedCounterpart(MethodReference lockMethod)
    {
        string declaring = lockMethod.DeclaringType.FullName;
        var host = declaring == "System.Threading.Monitor" ? _elidedMonitor : declaring.StartsWith("System.Threading.Lock", System.StringComparison.Ordinal) ? _elidedLock : null;
        if (host is null)
            return null;
        var expected = lockMethod.Parameters.Select(p => p.ParameterType.FullName).ToList();
        if (lockMethod.HasThis)
            expected.Insert(0, lockMethod.DeclaringType.IsValueType ? lockMethod.DeclaringType.FullName + "&" : lockMethod.DeclaringType.FullName);
        expected.AddRange([_descriptor.FullName, "System.Int32", TransactionSite.FullName, "System.Boolean"]);
        var match = host.Methods.SingleOrDefault(m => m.Name == lockMethod.Name && m.Parameters.Select(p => p.ParameterType.FullName).SequenceEqual(expected));
        return match is null ? null : _module.ImportReference(match);
    }

    /// <summary>
    /// <c>ObjectInverses.M</c> for a mutation <paramref name="mutation"/> of a framework object
    /// whose undo is an inverse (docs/abi.md §7), instantiated at the receiver's generic
    /// arguments; its parameters are the receiver, the key or item (when it takes one), and the
    /// descriptor. Null when the mutation is undone by saving the whole object.
    /// </summary>
    public (MethodReference Method, bool TakesKey)? InverseFor(MethodReference mutation)
    {
        string receiver = mutation.DeclaringType.GetElementType().FullName;
        var inverse = _objectInverses.Methods.SingleOrDefault(m => m.Name == mutation.Name && m.IsPublic &&
            m.Parameters[0].ParameterType.GetElementType().FullName == receiver && m.Parameters.Count - 2 <= mutation.Parameters.Count &&
            (m.Parameters.Count == 2 || SameShape(m.Parameters[1].ParameterType, mutation.Parameters[0].ParameterType)));
        if (inverse is null)
            return null;
        return (Instantiated(inverse, mutation.DeclaringType), inverse.Parameters.Count == 3);
    }

    /// <summary>
    /// Whether an inverse's key parameter takes the mutation's first argument: the same type, with
    /// the inverse's method type parameters standing for the receiver's (<c>LinkedListNode&lt;!!0&gt;</c>
    /// for <c>LinkedListNode&lt;!0&gt;</c>; <c>Remove(T value)</c> does not match a node).
    /// </summary>
    private static bool SameShape(TypeReference inverse, TypeReference mutation) => (inverse, mutation) switch
    {
        (GenericParameter a, GenericParameter b) => a.Position == b.Position,
        (GenericInstanceType a, GenericInstanceType b) => a.ElementType.FullName == b.ElementType.FullName &&
            a.GenericArguments.Count == b.GenericArguments.Count && a.GenericArguments.Zip(b.GenericArguments, SameShape).All(same => same),
        (GenericParameter or GenericInstanceType, _) or (_, GenericParameter or GenericInstanceType) => false,
        _ => inverse.FullName == mutation.FullName,
    };

    private MethodReference Instantiated(MethodDefinition method, TypeReference owner)
    {
        if (!method.HasGenericParameters)
            return _module.ImportReference(method);
        var instance = new GenericInstanceMethod(_module.ImportReference(method));
        foreach (var argument in ((GenericInstanceType)owner).GenericArguments)
            instance.GenericArguments.Add(argument);
        return instance;
    }

    private MethodReference Generic(MethodDefinition definition, TypeReference argument)
    {
        var instance = new GenericInstanceMethod(_module.ImportReference(definition));
        instance.GenericArguments.Add(argument);
        return instance;
    }

    private MethodReference Descriptor(string name) => _module.ImportReference(_descriptor.Methods.Single(m => m.Name == name));

    private MethodReference Barrier(string name) => _module.ImportReference(_barriers.Methods.Single(m => m.Name == name && !m.HasGenericParameters));

    private static TypeDefinition Type(ModuleDefinition runtime, string fullName) =>
        runtime.GetType(fullName) ?? throw new WeavingRefusedException("STM0002", $"{runtime.FileName} is not the Stm runtime: it has no {fullName}.");
}
