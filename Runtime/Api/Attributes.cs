namespace Stm;

/// <summary>The woven method runs as one region: one transaction, no commit point inside takes effect.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false)]
public sealed class AtomicAttribute : Attribute;

/// <summary>The weaver leaves this assembly, type, method or field alone.</summary>
[AttributeUsage(
    AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method |
    AttributeTargets.Constructor | AttributeTargets.Property | AttributeTargets.Field,
    Inherited = false)]
public sealed class NoStmAttribute : Attribute;
