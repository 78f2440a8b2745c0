-- The organisation schema `org` exactly as `attune-desktop org init` made it before the schema
-- had migrations of its own (pg_dump --schema-only --schema=org --no-owner of commit 42d9a6d's
-- core/org/schema.py install()): tests/sync/test_org_migrations.py loads it to make an
-- old-style organisation database, and checks that a fresh `org init` makes the same schema.
--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: org; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA org;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: checkin_count; Type: TABLE; Schema: org; Owner: -
--

CREATE TABLE org.checkin_count (
    round_uid text NOT NULL,
    owner name DEFAULT CURRENT_USER NOT NULL,
    option_key text NOT NULL,
    count integer NOT NULL
);

ALTER TABLE ONLY org.checkin_count FORCE ROW LEVEL SECURITY;


--
-- Name: checkin_round; Type: TABLE; Schema: org; Owner: -
--

CREATE TABLE org.checkin_round (
    uid text NOT NULL,
    owner name DEFAULT CURRENT_USER NOT NULL,
    session_uid text NOT NULL,
    moment text NOT NULL,
    name text DEFAULT ''::text NOT NULL,
    scale_key text NOT NULL,
    min_responses integer NOT NULL,
    "position" integer NOT NULL
);

ALTER TABLE ONLY org.checkin_round FORCE ROW LEVEL SECURITY;


--
-- Name: laptop; Type: TABLE; Schema: org; Owner: -
--

CREATE TABLE org.laptop (
    name name DEFAULT CURRENT_USER NOT NULL,
    last_sync timestamp with time zone
);


--
-- Name: meta; Type: TABLE; Schema: org; Owner: -
--

CREATE TABLE org.meta (
    key text NOT NULL,
    value text NOT NULL
);


--
-- Name: practice; Type: TABLE; Schema: org; Owner: -
--

CREATE TABLE org.practice (
    uid text NOT NULL,
    name text NOT NULL,
    body text NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by name DEFAULT CURRENT_USER NOT NULL
);


--
-- Name: segment; Type: TABLE; Schema: org; Owner: -
--

CREATE TABLE org.segment (
    uid text NOT NULL,
    owner name DEFAULT CURRENT_USER NOT NULL,
    session_uid text NOT NULL,
    "position" integer NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    planned_minutes integer NOT NULL,
    fixed boolean NOT NULL,
    practice_uid text,
    actual_start timestamp with time zone,
    actual_end timestamp with time zone,
    script text
);

ALTER TABLE ONLY org.segment FORCE ROW LEVEL SECURITY;


--
-- Name: series; Type: TABLE; Schema: org; Owner: -
--

CREATE TABLE org.series (
    uid text NOT NULL,
    owner name DEFAULT CURRENT_USER NOT NULL,
    title text NOT NULL,
    venue text DEFAULT ''::text NOT NULL,
    facilitators text DEFAULT ''::text NOT NULL,
    weekday integer NOT NULL,
    start_time time without time zone NOT NULL,
    first_date date NOT NULL,
    weeks integer NOT NULL,
    skip_dates text DEFAULT ''::text NOT NULL,
    time_zone text DEFAULT ''::text NOT NULL,
    session_minutes integer NOT NULL,
    site text DEFAULT ''::text NOT NULL,
    curriculum text DEFAULT ''::text NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    published_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY org.series FORCE ROW LEVEL SECURITY;


--
-- Name: session; Type: TABLE; Schema: org; Owner: -
--

CREATE TABLE org.session (
    uid text NOT NULL,
    owner name DEFAULT CURRENT_USER NOT NULL,
    series_uid text NOT NULL,
    week integer,
    title text NOT NULL,
    date date,
    start_time time without time zone NOT NULL,
    venue text DEFAULT ''::text NOT NULL,
    target_minutes integer NOT NULL,
    status text NOT NULL,
    attendance integer,
    actual_start timestamp with time zone,
    actual_end timestamp with time zone,
    cancel_reason text DEFAULT ''::text NOT NULL,
    updated_at timestamp with time zone NOT NULL
);

ALTER TABLE ONLY org.session FORCE ROW LEVEL SECURITY;


--
-- Name: session_fidelity; Type: TABLE; Schema: org; Owner: -
--

CREATE TABLE org.session_fidelity (
    session_uid text NOT NULL,
    owner name DEFAULT CURRENT_USER NOT NULL,
    segments_planned integer NOT NULL,
    segments_delivered integer NOT NULL,
    practices_planned integer NOT NULL,
    practices_delivered integer NOT NULL,
    start_offset_minutes integer,
    end_offset_minutes integer,
    agenda_shared boolean,
    home_practice_reviewed boolean,
    every_parent_had_a_turn boolean
);

ALTER TABLE ONLY org.session_fidelity FORCE ROW LEVEL SECURITY;


--
-- Name: template; Type: TABLE; Schema: org; Owner: -
--

CREATE TABLE org.template (
    uid text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by name DEFAULT CURRENT_USER NOT NULL
);


--
-- Name: checkin_count checkin_count_pkey; Type: CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.checkin_count
    ADD CONSTRAINT checkin_count_pkey PRIMARY KEY (round_uid, option_key);


--
-- Name: checkin_round checkin_round_pkey; Type: CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.checkin_round
    ADD CONSTRAINT checkin_round_pkey PRIMARY KEY (uid);


--
-- Name: checkin_round checkin_round_uid_owner_key; Type: CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.checkin_round
    ADD CONSTRAINT checkin_round_uid_owner_key UNIQUE (uid, owner);


--
-- Name: laptop laptop_pkey; Type: CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.laptop
    ADD CONSTRAINT laptop_pkey PRIMARY KEY (name);


--
-- Name: meta meta_pkey; Type: CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.meta
    ADD CONSTRAINT meta_pkey PRIMARY KEY (key);


--
-- Name: practice practice_pkey; Type: CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.practice
    ADD CONSTRAINT practice_pkey PRIMARY KEY (uid);


--
-- Name: segment segment_pkey; Type: CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.segment
    ADD CONSTRAINT segment_pkey PRIMARY KEY (uid);


--
-- Name: series series_pkey; Type: CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.series
    ADD CONSTRAINT series_pkey PRIMARY KEY (uid);


--
-- Name: series series_uid_owner_key; Type: CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.series
    ADD CONSTRAINT series_uid_owner_key UNIQUE (uid, owner);


--
-- Name: session_fidelity session_fidelity_pkey; Type: CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.session_fidelity
    ADD CONSTRAINT session_fidelity_pkey PRIMARY KEY (session_uid);


--
-- Name: session session_pkey; Type: CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.session
    ADD CONSTRAINT session_pkey PRIMARY KEY (uid);


--
-- Name: session session_uid_owner_key; Type: CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.session
    ADD CONSTRAINT session_uid_owner_key UNIQUE (uid, owner);


--
-- Name: template template_pkey; Type: CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.template
    ADD CONSTRAINT template_pkey PRIMARY KEY (uid);


--
-- Name: round_session; Type: INDEX; Schema: org; Owner: -
--

CREATE INDEX round_session ON org.checkin_round USING btree (session_uid);


--
-- Name: segment_session; Type: INDEX; Schema: org; Owner: -
--

CREATE INDEX segment_session ON org.segment USING btree (session_uid);


--
-- Name: session_series; Type: INDEX; Schema: org; Owner: -
--

CREATE INDEX session_series ON org.session USING btree (series_uid);


--
-- Name: checkin_count checkin_count_round_uid_owner_fkey; Type: FK CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.checkin_count
    ADD CONSTRAINT checkin_count_round_uid_owner_fkey FOREIGN KEY (round_uid, owner) REFERENCES org.checkin_round(uid, owner) ON DELETE CASCADE;


--
-- Name: checkin_round checkin_round_session_uid_owner_fkey; Type: FK CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.checkin_round
    ADD CONSTRAINT checkin_round_session_uid_owner_fkey FOREIGN KEY (session_uid, owner) REFERENCES org.session(uid, owner) ON DELETE CASCADE;


--
-- Name: segment segment_session_uid_owner_fkey; Type: FK CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.segment
    ADD CONSTRAINT segment_session_uid_owner_fkey FOREIGN KEY (session_uid, owner) REFERENCES org.session(uid, owner) ON DELETE CASCADE;


--
-- Name: session_fidelity session_fidelity_session_uid_owner_fkey; Type: FK CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.session_fidelity
    ADD CONSTRAINT session_fidelity_session_uid_owner_fkey FOREIGN KEY (session_uid, owner) REFERENCES org.session(uid, owner) ON DELETE CASCADE;


--
-- Name: session session_series_uid_owner_fkey; Type: FK CONSTRAINT; Schema: org; Owner: -
--

ALTER TABLE ONLY org.session
    ADD CONSTRAINT session_series_uid_owner_fkey FOREIGN KEY (series_uid, owner) REFERENCES org.series(uid, owner) ON DELETE CASCADE;


--
-- Name: checkin_count; Type: ROW SECURITY; Schema: org; Owner: -
--

ALTER TABLE org.checkin_count ENABLE ROW LEVEL SECURITY;

--
-- Name: checkin_round; Type: ROW SECURITY; Schema: org; Owner: -
--

ALTER TABLE org.checkin_round ENABLE ROW LEVEL SECURITY;

--
-- Name: laptop; Type: ROW SECURITY; Schema: org; Owner: -
--

ALTER TABLE org.laptop ENABLE ROW LEVEL SECURITY;

--
-- Name: checkin_count organiser_reads; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY organiser_reads ON org.checkin_count FOR SELECT TO attune_organiser USING (true);


--
-- Name: checkin_round organiser_reads; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY organiser_reads ON org.checkin_round FOR SELECT TO attune_organiser USING (true);


--
-- Name: laptop organiser_reads; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY organiser_reads ON org.laptop FOR SELECT TO attune_organiser USING (true);


--
-- Name: segment organiser_reads; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY organiser_reads ON org.segment FOR SELECT TO attune_organiser USING (true);


--
-- Name: series organiser_reads; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY organiser_reads ON org.series FOR SELECT TO attune_organiser USING (true);


--
-- Name: session organiser_reads; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY organiser_reads ON org.session FOR SELECT TO attune_organiser USING (true);


--
-- Name: session_fidelity organiser_reads; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY organiser_reads ON org.session_fidelity FOR SELECT TO attune_organiser USING (true);


--
-- Name: laptop own_row; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY own_row ON org.laptop USING ((name = CURRENT_USER)) WITH CHECK ((name = CURRENT_USER));


--
-- Name: checkin_count own_rows; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY own_rows ON org.checkin_count TO attune_laptop USING ((owner = CURRENT_USER)) WITH CHECK ((owner = CURRENT_USER));


--
-- Name: checkin_round own_rows; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY own_rows ON org.checkin_round TO attune_laptop USING ((owner = CURRENT_USER)) WITH CHECK ((owner = CURRENT_USER));


--
-- Name: segment own_rows; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY own_rows ON org.segment TO attune_laptop USING ((owner = CURRENT_USER)) WITH CHECK ((owner = CURRENT_USER));


--
-- Name: series own_rows; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY own_rows ON org.series TO attune_laptop USING ((owner = CURRENT_USER)) WITH CHECK ((owner = CURRENT_USER));


--
-- Name: session own_rows; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY own_rows ON org.session TO attune_laptop USING ((owner = CURRENT_USER)) WITH CHECK ((owner = CURRENT_USER));


--
-- Name: session_fidelity own_rows; Type: POLICY; Schema: org; Owner: -
--

CREATE POLICY own_rows ON org.session_fidelity TO attune_laptop USING ((owner = CURRENT_USER)) WITH CHECK ((owner = CURRENT_USER));


--
-- Name: segment; Type: ROW SECURITY; Schema: org; Owner: -
--

ALTER TABLE org.segment ENABLE ROW LEVEL SECURITY;

--
-- Name: series; Type: ROW SECURITY; Schema: org; Owner: -
--

ALTER TABLE org.series ENABLE ROW LEVEL SECURITY;

--
-- Name: session; Type: ROW SECURITY; Schema: org; Owner: -
--

ALTER TABLE org.session ENABLE ROW LEVEL SECURITY;

--
-- Name: session_fidelity; Type: ROW SECURITY; Schema: org; Owner: -
--

ALTER TABLE org.session_fidelity ENABLE ROW LEVEL SECURITY;

--
-- Name: SCHEMA org; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA org TO attune_laptop;
GRANT USAGE ON SCHEMA org TO attune_organiser;


--
-- Name: TABLE checkin_count; Type: ACL; Schema: org; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE org.checkin_count TO attune_laptop;
GRANT SELECT ON TABLE org.checkin_count TO attune_organiser;


--
-- Name: TABLE checkin_round; Type: ACL; Schema: org; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE org.checkin_round TO attune_laptop;
GRANT SELECT ON TABLE org.checkin_round TO attune_organiser;


--
-- Name: TABLE laptop; Type: ACL; Schema: org; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE org.laptop TO attune_laptop;
GRANT SELECT,INSERT,UPDATE ON TABLE org.laptop TO attune_organiser;


--
-- Name: TABLE meta; Type: ACL; Schema: org; Owner: -
--

GRANT SELECT ON TABLE org.meta TO attune_laptop;
GRANT SELECT ON TABLE org.meta TO attune_organiser;


--
-- Name: TABLE practice; Type: ACL; Schema: org; Owner: -
--

GRANT SELECT ON TABLE org.practice TO attune_laptop;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE org.practice TO attune_organiser;


--
-- Name: TABLE segment; Type: ACL; Schema: org; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE org.segment TO attune_laptop;
GRANT SELECT ON TABLE org.segment TO attune_organiser;


--
-- Name: TABLE series; Type: ACL; Schema: org; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE org.series TO attune_laptop;
GRANT SELECT ON TABLE org.series TO attune_organiser;


--
-- Name: TABLE session; Type: ACL; Schema: org; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE org.session TO attune_laptop;
GRANT SELECT ON TABLE org.session TO attune_organiser;


--
-- Name: TABLE session_fidelity; Type: ACL; Schema: org; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE org.session_fidelity TO attune_laptop;
GRANT SELECT ON TABLE org.session_fidelity TO attune_organiser;


--
-- Name: TABLE template; Type: ACL; Schema: org; Owner: -
--

GRANT SELECT ON TABLE org.template TO attune_laptop;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE org.template TO attune_organiser;


--
-- PostgreSQL database dump complete
--


