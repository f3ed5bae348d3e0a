"""The mixed workload of the load test (``manage.py loadtest``): commune officers searching, reading
records, lists and the inbox and recording tips; helpers on their phone view; province managers
reading indicators. Every user signs in through the real log-in form with a demo account (demo
mode skips the second factor). Run by locust in a process of its own, never imported by Django."""

import random
import re
from datetime import datetime

from locust import HttpUser, between, task

# hoanhap.accounts.demo.DEMO_PASSWORD (not imported: locust runs without Django)
PASSWORD = "HoaNhap-demo-2026"  # noqa: S105 - the demo accounts' published password
PERSON_LINK = re.compile(r'href="(/ho-so/[0-9a-f-]{36}/)"')
VISIT_LINK = re.compile(r'href="(/giup-do/nguoi-duoc-giup/[0-9a-f-]{36}/)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUERIES = ["nguyen", "tran", "le van", "hoang", "pham thi", "vo", "1990", "1985"]


class SignedIn(HttpUser):
    abstract = True
    username = ""

    def on_start(self) -> None:
        page = self.client.get("/dang-nhap/", name="log-in form")
        token = CSRF.search(page.text)
        answer = self.client.post(
            "/dang-nhap/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="log in",
        )
        if "/dang-nhap/" in answer.url:
            raise RuntimeError(f"{self.username} could not sign in")

    def token(self, path: str) -> str:
        found = CSRF.search(self.client.get(path, name=f"form {path}").text)
        return found.group(1) if found else ""


class Officer(SignedIn):
    weight = 6
    wait_time = between(0.5, 2)
    username = "canbocax"
    people: list[str] = []

    csrf = ""

    @task(4)
    def search(self) -> None:
        """Search is a POST: names never travel in URLs."""
        if not self.csrf:
            self.csrf = self.token("/ho-so/")
        data = {"q": random.choice(QUERIES), "csrfmiddlewaretoken": self.csrf}
        page = self.client.post("/ho-so/", data, name="search")
        self.people = PERSON_LINK.findall(page.text) or self.people

    @task(4)
    def person(self) -> None:
        if self.people:
            self.client.get(random.choice(self.people), name="person page")

    @task(2)
    def lists(self) -> None:
        self.client.get("/nghiep-vu/danh-sach/users/", name="status list")

    @task(2)
    def inbox(self) -> None:
        self.client.get("/nghiep-vu/viec-can-lam/", name="inbox")

    @task(1)
    def record_tip(self) -> None:
        """A write: each answered with the tip's page counts one tip (the test checks none is lost)."""
        data = {
            "csrfmiddlewaretoken": self.token("/tin-bao/tiep-nhan/"),
            "channel": "phone",
            "category": "hotspot",
            "received_at": datetime.now().strftime("%d/%m/%Y %H:%M"),  # noqa: DTZ005 - the server's zone
            "summary": "Tải thử: tụ tập cuối xóm",
        }
        with self.client.post("/tin-bao/tiep-nhan/", data, name="record tip", catch_response=True) as answer:
            if not re.search(r"/tin-bao/[0-9a-f-]{36}/$", answer.url or ""):
                answer.failure(f"tip not recorded ({answer.status_code})")


class Helper(SignedIn):
    weight = 2
    wait_time = between(1, 3)
    username = "tinhnguyenvien"

    @task
    def my_people(self) -> None:
        page = self.client.get("/giup-do/", name="helper: my people")
        visits = VISIT_LINK.findall(page.text)
        if visits:
            self.client.get(random.choice(visits), name="helper: visit form")


class Manager(SignedIn):
    weight = 1
    wait_time = between(1, 3)
    username = "tinhnghean"

    @task
    def indicators_then_dashboard(self) -> None:
        self.client.get("/bao-cao/", name="indicators")
        self.client.get("/bao-cao/tong-quan/", name="dashboard")
