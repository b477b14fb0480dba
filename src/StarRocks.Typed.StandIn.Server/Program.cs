System.Console.WriteLine("stand-in");
