return Stm.Weave.Tool.WeaveCommand.Run(args, Console.Out, Console.Error);
