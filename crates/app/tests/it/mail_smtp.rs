//! E-mail through a real SMTP server process (Python's aiosmtpd): kept while the server is
//! down, sent once when it is back.

use crate::helpers::{BASE_URL, TestApp};
use chrono::TimeDelta;
use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tremplin_mail::transport::SmtpSettings;
use tremplin_mail::{Mailer, Transport, deliver_due};

pub(crate) struct SmtpServer(Child);

impl SmtpServer {
    pub(crate) async fn start(port: u16) -> SmtpServer {
        let mut child = Command::new("python3")
            .args(["-u", "-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("python3 with aiosmtpd (pip install aiosmtpd) is needed for this test");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return SmtpServer(child);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not start on port {port}; is it installed (pip install aiosmtpd)?");
    }

    pub(crate) fn stop(mut self) -> String {
        self.kill();
        let mut out = String::new();
        if let Some(mut stdout) = self.0.stdout.take() {
            let _ = stdout.read_to_string(&mut out);
        }
        out
    }
}

impl SmtpServer {
    fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.kill();
    }
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

async fn mail_waits_for_the_smtp_server_and_is_sent_once(mut app: TestApp) {
    let port = free_port();
    let transport =
        Transport::smtp(&SmtpSettings { host: "127.0.0.1".into(), port, security: "none".into(), username: None, password: None })
            .expect("transport");
    let mailer = Mailer { transport, from: "Tremplin <tremplin@exemple.fr>".parse().expect("from") };
    app.sign_up("zoe@exemple.fr", "une phrase de passe solide").await;

    // Server down: the message stays, rescheduled.
    let report = deliver_due(&app.db, &mailer, &app.clock, BASE_URL).await.expect("round");
    assert_eq!((report.sent, report.failed), (0, 1));
    let counts = tremplin_store::outbox::counts(&app.db).await.expect("counts");
    assert_eq!(counts.get("pending"), Some(&1));

    let server = SmtpServer::start(port).await;
    // Not due yet: back-off.
    assert_eq!(deliver_due(&app.db, &mailer, &app.clock, BASE_URL).await.expect("round").sent, 0);
    app.clock.advance(TimeDelta::seconds(31));
    assert_eq!(deliver_due(&app.db, &mailer, &app.clock, BASE_URL).await.expect("round").sent, 1);
    app.clock.advance(TimeDelta::hours(2));
    assert_eq!(deliver_due(&app.db, &mailer, &app.clock, BASE_URL).await.expect("round").sent, 0, "sent exactly once");
    let received = server.stop();
    assert!(received.contains("zoe@exemple.fr"), "server output: {received}");
    assert!(received.contains("Bienvenue sur Tremplin"), "server output: {received}");
    assert!(received.contains("http://localhost/connexion"), "server output: {received}");
    let counts = tremplin_store::outbox::counts(&app.db).await.expect("counts");
    assert_eq!(counts.get("sent"), Some(&1));
}

crate::both_engines!(mail_waits_for_the_smtp_server_and_is_sent_once);
