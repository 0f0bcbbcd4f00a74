using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using Stm.Weaving;
using Stm.Weaving.Il;

namespace Stm.Weaver.Tests;

/// <summary>
/// The shape of a woven frame where it decides what the JIT has to track: saves copy only the
/// locals their start point reads, and the restart path reads shadows through
/// <c>TxDescriptor.Restore</c> (docs/weaver.md, "Saves copy what the start point reads").
/// </summary>
public sealed class FrameShapeTests : IDisposable
{
    private static readonly string BinDirectory = AppContext.BaseDirectory;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "stmweave-frames-" + Guid.NewGuid().ToString("N"));

    public FrameShapeTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_save_copies_only_the_locals_its_start_point_reads_and_shadows_are_restored_through_the_runtime()
    {
        string woven = Path.Combine(_folder, "Scenarios.dll");
        Assert.Equal(WeaveOutcome.Woven, AssemblyWeaver.Weave(Path.Combine(BinDirectory, "Scenarios.dll"), woven, new WeaverOptions(), new CollectingLog(), Path.Combine(BinDirectory, "Stm.dll")));
        using var module = ModuleDefinition.ReadModule(woven);
        // IntSet.Contains: Node cur = head.Next; while (cur.Value < v) cur = cur.Next; return cur.Value == v;
        var contains = module.GetTypes().Single(t => t.Name == "IntSet").Methods.Single(m => m.Name == "Contains");
        contains.Body.SimplifyMacros();
        var instructions = contains.Body.Instructions;

        var restores = instructions.Where(i => i.OpCode.Code == Code.Call && i.Operand is MethodReference { Name: "Restore" }).ToList();
        Assert.NotEmpty(restores);
        Assert.All(restores, call => Assert.Equal(Code.Ldloca, call.Previous.OpCode.Code));
        var shadowOf = restores.ToDictionary(call => (VariableDefinition)call.Next.Operand, call => (VariableDefinition)call.Previous.Operand);

        // Saves: ldloc local; stloc shadow. The entry's come before the restart path, the loop head's after it.
        int restartPath = instructions.IndexOf(restores[0]);
        var saves = instructions.Where(i => i.OpCode.Code == Code.Stloc && shadowOf.ContainsValue((VariableDefinition)i.Operand))
            .Select(i => (At: instructions.IndexOf(i), Type: ((VariableDefinition)i.Previous.Operand).VariableType.Name))
            .ToList();
        Assert.Equal(["Int32", "IntSet"], saves.Where(s => s.At < restartPath).Select(s => s.Type).Order(StringComparer.Ordinal));
        Assert.Equal(["Int32", "Node"], saves.Where(s => s.At > restartPath).Select(s => s.Type).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_local_is_live_where_it_is_read_before_written_and_throughout_a_try_whose_handler_reads_it()
    {
        var method = new MethodDefinition("M", MethodAttributes.Static, new TypeReference("System", "Void", null, null));
        var body = method.Body;
        var intType = new TypeReference("System", "Int32", null, null, valueType: true);
        VariableDefinition x = new(intType), y = new(intType), z = new(intType);
        body.Variables.Add(x);
        body.Variables.Add(y);
        body.Variables.Add(z);
        var il = body.GetILProcessor();
        var tryStart = il.Create(OpCodes.Ldc_I4_1);
        var afterFirstStore = il.Create(OpCodes.Ldc_I4_2);
        var handlerStart = il.Create(OpCodes.Pop);
        var end = il.Create(OpCodes.Ldloc, z);
        il.Append(il.Create(OpCodes.Ldloca, z));              // z: address taken
        il.Append(il.Create(OpCodes.Pop));
        il.Append(tryStart);                                 // try { x = 1; y = 2; y = y; x = 3; }
        il.Append(il.Create(OpCodes.Stloc, x));
        il.Append(afterFirstStore);
        il.Append(il.Create(OpCodes.Stloc, y));
        var readY = il.Create(OpCodes.Ldloc, y);
        il.Append(readY);
        il.Append(il.Create(OpCodes.Stloc, y));
        il.Append(il.Create(OpCodes.Ldc_I4_3));
        il.Append(il.Create(OpCodes.Stloc, x));
        il.Append(il.Create(OpCodes.Leave, end));
        il.Append(handlerStart);                             // catch { x; }
        il.Append(il.Create(OpCodes.Ldloc, x));
        il.Append(il.Create(OpCodes.Pop));
        il.Append(il.Create(OpCodes.Leave, end));
        il.Append(end);
        il.Append(il.Create(OpCodes.Pop));
        il.Append(il.Create(OpCodes.Ret));
        body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Catch)
        {
            TryStart = tryStart,
            TryEnd = handlerStart,
            HandlerStart = handlerStart,
            HandlerEnd = end,
            CatchType = new TypeReference("System", "Exception", null, null),
        });

        var liveness = new LocalLiveness(body);

        var live = liveness.LiveBefore(afterFirstStore);
        Assert.True(live(x), "the handler reads x: live throughout the try, after its store too");
        Assert.False(live(y), "y is written before it is read");
        Assert.True(live(z), "z's address is taken");
        Assert.True(liveness.LiveBefore(readY)(y));
        Assert.False(liveness.LiveBefore(end)(x));
    }
}
