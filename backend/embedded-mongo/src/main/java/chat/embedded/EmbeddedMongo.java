package chat.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;

/**
 * Starts mongo-java-server on 127.0.0.1 and prints one line "READY <port>" once it accepts connections.
 *
 * Usage: java -jar embedded-mongo.jar [--file path/to/db.mv] [--port N]
 * Without --file the data lives in memory. The process exits when its standard input closes, so it can never
 * outlive the Node process that started it (even when that one is killed with SIGKILL).
 */
public final class EmbeddedMongo {
    public static void main(String[] args) throws Exception {
        String file = null;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--file" -> file = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }

        MongoBackend backend;
        if (file != null) {
            File parent = new File(file).getAbsoluteFile().getParentFile();
            if (!parent.isDirectory() && !parent.mkdirs()) {
                throw new IOException("cannot create " + parent);
            }
            backend = new H2Backend(file);
        } else {
            backend = new MemoryBackend();
        }

        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        System.out.println("READY " + address.getPort());
        System.out.flush();

        waitForStdinToClose();
        System.exit(0);
    }

    private static void waitForStdinToClose() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // keep reading: anything written is ignored, only end-of-stream matters
            }
        } catch (IOException ignored) {
            // the parent is gone
        }
    }
}
